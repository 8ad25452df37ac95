package io.rwaprime.web3;

/** A JSON-RPC error answer (the provider refused the request), as opposed to an unreachable provider. */
public final class RpcException extends RuntimeException {

  private final int code;

  public RpcException(String method, int code, String message) {
    super(method + " failed: " + message + " (JSON-RPC error " + code + ")");
    this.code = code;
  }

  /** The JSON-RPC error code. */
  public int code() {
    return code;
  }
}
