package io.rwaprime.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects the JVM-wide {@link AnvilNode#shared()} into any test, lifecycle method or
 * constructor parameter of that type ({@code @ExtendWith(AnvilExtension.class)}). The node starts on the first
 * injection and is shared by every test class in the JVM; it stops when the JVM exits. Tests that revert, reorg or
 * turn automine off start their own node with {@link AnvilNode#start(AnvilNode.Options)} instead.
 */
public final class AnvilExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == AnvilNode.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return AnvilNode.shared();
  }
}
