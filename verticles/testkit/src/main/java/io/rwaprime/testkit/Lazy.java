package io.rwaprime.testkit;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A JVM-wide lazily started server: started on the first {@link #get()}, stopped by a JVM shutdown hook. A start
 * that failed is remembered, so that every later test fails at once with the original cause instead of waiting for
 * another start-up to time out.
 */
final class Lazy<T> {

  private final String name;
  private final Supplier<T> starter;
  private final Consumer<T> stopper;
  private T value;
  private RuntimeException failure;

  Lazy(String name, Supplier<T> starter, Consumer<T> stopper) {
    this.name = name;
    this.starter = starter;
    this.stopper = stopper;
  }

  synchronized T get() {
    if (value != null) {
      return value;
    }
    if (failure != null) {
      throw new IllegalStateException(name + " failed to start earlier in this JVM; see the cause", failure);
    }
    try {
      T started = starter.get();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopper.accept(started), "testkit-stop-" + name));
      value = started;
      return started;
    } catch (RuntimeException | Error e) {
      failure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
      throw e;
    }
  }
}
