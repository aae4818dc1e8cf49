package dev.lem.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The base of every LEM {@link RequestStreamHandler}: each invocation is metered ({@link InvocationMetering}: one
 * EMF line with its AWS requests and billed duration) around {@link #handle}.
 */
public abstract class MeteredStreamHandler implements RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        InvocationMetering.<Void, IOException>invoke(getClass(), context, false, () -> {
            handle(input, output, context);
            return null;
        });
    }

    /** The handler's own work for one invocation. */
    protected abstract void handle(InputStream input, OutputStream output, Context context) throws IOException;
}
