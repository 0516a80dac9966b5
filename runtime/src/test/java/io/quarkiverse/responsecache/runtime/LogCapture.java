package io.quarkiverse.responsecache.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Collects what one class logs while it is open, formatted as a reader of the log would see it. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    public static LogCapture of(Class<?> loggingClass) {
        LogCapture capture = new LogCapture(Logger.getLogger(loggingClass.getName()));
        capture.setLevel(Level.ALL);
        capture.logger.addHandler(capture);
        return capture;
    }

    /** @return the messages logged at WARNING level or above, formatted */
    public List<String> warnings() {
        return messages(Level.WARNING);
    }

    /** @return the messages logged at INFO level exactly, formatted */
    public List<String> infos() {
        return records.stream().filter(r -> r.getLevel().intValue() == Level.INFO.intValue()).map(LogCapture::format)
                .toList();
    }

    private List<String> messages(Level atLeast) {
        return records.stream().filter(r -> r.getLevel().intValue() >= atLeast.intValue()).map(LogCapture::format)
                .toList();
    }

    private static String format(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
