package io.rwaprime.web3;

import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/** The ERC-20 and Uniswap-V2 pair calls the mesh makes, and the decoding of {@code Transfer} logs. */
public final class Erc20 {

  /** {@code Transfer(address indexed from, address indexed to, uint256 value)} */
  public static final Event TRANSFER = new Event("Transfer", List.of(
      new TypeReference<Address>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Uint256>(false) {}));

  /** topic0 of {@link #TRANSFER}, lower case. */
  public static final String TRANSFER_TOPIC = EventEncoder.encode(TRANSFER).toLowerCase(Locale.ROOT);

  private Erc20() {}

  /** Call data of {@code totalSupply()}. */
  public static String totalSupply() {
    return FunctionEncoder.encode(new Function("totalSupply", List.of(), List.of()));
  }

  /** Call data of {@code decimals()}. */
  public static String decimals() {
    return FunctionEncoder.encode(new Function("decimals", List.of(), List.of()));
  }

  /** Call data of {@code balanceOf(holder)}. */
  public static String balanceOf(String holder) {
    return FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(holder)), List.of()));
  }

  /** Call data of a V2 pair's {@code getReserves()}. */
  public static String getReserves() {
    return FunctionEncoder.encode(new Function("getReserves", List.of(), List.of()));
  }

  /** Call data of a V2 pair's {@code token0()}. */
  public static String token0() {
    return FunctionEncoder.encode(new Function("token0", List.of(), List.of()));
  }

  /** Call data of a V2 pair's {@code token1()}. */
  public static String token1() {
    return FunctionEncoder.encode(new Function("token1", List.of(), List.of()));
  }

  /**
   * The 32-byte words of a call result as unsigned integers.
   *
   * @throws IllegalArgumentException when the result is not a whole number of words or has fewer than {@code min}
   */
  public static List<BigInteger> words(String result, int min) {
    String hex = Numeric.cleanHexPrefix(result == null ? "" : result);
    if (hex.length() % 64 != 0 || hex.length() / 64 < min) {
      throw new IllegalArgumentException("expected at least " + min + " 32-byte words, got '" + result + "'");
    }
    BigInteger[] out = new BigInteger[hex.length() / 64];
    for (int i = 0; i < out.length; i++) {
      out[i] = new BigInteger(hex.substring(i * 64, i * 64 + 64), 16);
    }
    return List.of(out);
  }

  /** An address returned by a call ({@code token0()}), lower case. */
  public static String address(String result) {
    BigInteger word = words(result, 1).get(0);
    if (word.bitLength() > 160) {
      throw new IllegalArgumentException("not an address: " + result);
    }
    return EvmAddress.normalize("0x" + String.format("%040x", word), "returned address");
  }

  /**
   * Decodes one log of an {@code eth_getLogs} answer for {@code token} over blocks {@code from..to}.
   *
   * @throws IntegrityException when the log is not what was asked for (other contract, other event, outside the
   *                            range, malformed) — the whole answer is then refused
   */
  public static Transfer decode(Log log, TokenRef token, long from, long to) {
    String where = "log " + log.getLogIndexRaw() + " of tx " + log.getTransactionHash();
    if (log.getAddress() == null || !log.getAddress().equalsIgnoreCase(token.address())) {
      throw new IntegrityException(where + " comes from contract " + log.getAddress() + ", not the requested "
          + token.address());
    }
    List<String> topics = log.getTopics();
    if (topics == null || topics.size() != 3 || !TRANSFER_TOPIC.equalsIgnoreCase(topics.get(0))) {
      throw new IntegrityException(where + " is not an ERC-20 Transfer (topics " + topics + ")");
    }
    if (log.getBlockNumberRaw() == null || log.getBlockHash() == null || log.getTransactionHash() == null
        || log.getLogIndexRaw() == null) {
      throw new IntegrityException(where + " lacks its block number, block hash, transaction hash or index");
    }
    long block = log.getBlockNumber().longValueExact();
    if (block < from || block > to) {
      throw new IntegrityException(where + " is in block " + block + ", outside the requested " + from + ".." + to);
    }
    String data = Numeric.cleanHexPrefix(log.getData() == null ? "" : log.getData());
    if (data.length() != 64) {
      throw new IntegrityException(where + " has " + data.length() / 2 + " data bytes, a Transfer has 32");
    }
    if (log.isRemoved()) {
      throw new ChainMovedException(where + " is marked removed");
    }
    try {
      return new Transfer(block, log.getLogIndex().intValueExact(), log.getBlockHash().toLowerCase(Locale.ROOT), 0,
          log.getTransactionHash().toLowerCase(Locale.ROOT), EvmAddress.fromTopic(topics.get(1)),
          EvmAddress.fromTopic(topics.get(2)), new BigInteger(data, 16));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IntegrityException(where + " is malformed: " + e.getMessage());
    }
  }
}
