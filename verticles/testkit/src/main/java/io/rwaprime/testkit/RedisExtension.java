package io.rwaprime.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects the JVM-wide {@link RedisServer} into any test, lifecycle method or constructor
 * parameter of that type ({@code @ExtendWith(RedisExtension.class)}). The server starts on the first injection
 * and is shared by every test class in the JVM; it stops when the JVM exits.
 */
public final class RedisExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RedisServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return RedisServer.instance();
  }
}
