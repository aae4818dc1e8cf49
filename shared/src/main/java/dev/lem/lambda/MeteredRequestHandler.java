package dev.lem.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/**
 * The base of every LEM {@link RequestHandler}: each invocation is metered ({@link InvocationMetering}: one EMF line
 * with its AWS requests and billed duration) around {@link #handle}.
 */
public abstract class MeteredRequestHandler<I, O> implements RequestHandler<I, O> {

    @Override
    public final O handleRequest(I input, Context context) {
        return InvocationMetering.invoke(getClass(), context, input instanceof APIGatewayV2HTTPEvent,
                () -> handle(input, context));
    }

    /** The handler's own work for one invocation. */
    protected abstract O handle(I input, Context context);
}
