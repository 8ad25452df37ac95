package io.rwaprime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One committed test contract ({@code web3/src/main/resources/io/rwaprime/web3/contracts/<name>.bin} and {@code .abi}): its creation
 * bytecode and the custom errors of its ABI, so that a revert's data reads as
 * {@code ERC20InsufficientBalance(0xf39f…, 5, 6)} rather than as hex.
 */
record TestContract(String name, String bytecode, Map<String, AbiError> errors) {

  /** A custom error of the ABI. */
  record AbiError(String name, List<String> types) {}

  private static final String ERROR_STRING = "0x08c379a0";
  private static final String PANIC = "0x4e487b71";

  static TestContract load(String name) {
    Path dir = RepoLayout.compiledContracts();
    try {
      String bin = Files.readString(dir.resolve(name + ".bin")).strip();
      JsonNode abi = new ObjectMapper().readTree(dir.resolve(name + ".abi").toFile());
      Map<String, AbiError> errors = new HashMap<>();
      for (JsonNode entry : abi) {
        if ("error".equals(entry.path("type").asText())) {
          List<String> types = new ArrayList<>();
          entry.path("inputs").forEach(input -> types.add(input.path("type").asText()));
          String signature = entry.path("name").asText() + "(" + String.join(",", types) + ")";
          errors.put(Hash.sha3String(signature).substring(0, 10), new AbiError(entry.path("name").asText(), types));
        }
      }
      return new TestContract(name, bin.startsWith("0x") ? bin : "0x" + bin, Map.copyOf(errors));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the compiled contract " + name + " in " + dir, e);
    }
  }

  /**
   * @param revertData the revert's return data, {@code 0x}-hex
   * @return {@code Error(string)}'s message, {@code Panic(0x11)}, a custom error with its arguments, or the data
   */
  String describe(String revertData) {
    if (revertData == null || revertData.length() < 10) {
      return revertData == null || revertData.equals("0x") ? "(no revert data)" : revertData;
    }
    String selector = revertData.substring(0, 10);
    String args = "0x" + revertData.substring(10);
    if (selector.equals(ERROR_STRING)) {
      return decode(args, List.of("string")).get(0);
    }
    if (selector.equals(PANIC)) {
      return "Panic(0x" + new BigInteger(decode(args, List.of("uint256")).get(0)).toString(16) + ")";
    }
    AbiError error = errors.get(selector);
    if (error == null) {
      return revertData;
    }
    return error.name() + "(" + String.join(", ", decode(args, error.types())) + ")";
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<String> decode(String args, List<String> types) {
    try {
      List<TypeReference<Type>> refs = new ArrayList<>();
      for (String t : types) {
        refs.add(TypeReference.makeTypeReference(t));
      }
      return FunctionReturnDecoder.decode(args, refs).stream()
          .map(v -> String.valueOf(v.getValue())).collect(Collectors.toList());
    } catch (ClassNotFoundException | RuntimeException e) {
      return List.of(args);
    }
  }
}
