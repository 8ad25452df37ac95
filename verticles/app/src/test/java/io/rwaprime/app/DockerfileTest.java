package io.rwaprime.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images cannot be built here (no Docker engine), so the Dockerfiles are checked statically: only known
 * instructions, every base image pinned to a tag, {@code COPY --from} naming an earlier stage, a non-root numeric user
 * equal to the Deployments' {@code runAsUser}, the shaded jar's real path, the ports the Deployments use, a
 * launcher role in the default command, temporary files under {@code /tmp} (read-only root filesystem), the GPU
 * variant on CUDA 12.5 with cuDNN built with the ml module's {@code gpu} profile, and a {@code .dockerignore} that
 * keeps build outputs, data and the git history out of the build context.
 */
class DockerfileTest {

  private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
  private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "COPY", "WORKDIR", "USER", "EXPOSE", "ENV",
      "ENTRYPOINT", "CMD", "ARG", "LABEL");

  record Instruction(String keyword, String args, int line) {}

  @Test
  void theCpuImage() throws IOException {
    List<Instruction> all = parse(ROOT.resolve("Dockerfile"));
    checkCommon(all);
    assertThat(lastStage(all).get(0).args()).startsWith("eclipse-temurin:21-jre");
  }

  @Test
  void theGpuImage() throws IOException {
    List<Instruction> all = parse(ROOT.resolve("Dockerfile.gpu"));
    checkCommon(all);
    assertThat(lastStage(all).get(0).args()).matches("nvidia/cuda:12\\.5(\\.\\d+)?-cudnn[^ ]*-runtime-[^ ]+");
    assertThat(all).filteredOn(i -> i.keyword().equals("RUN") && i.args().contains("mvn "))
        .singleElement().satisfies(i -> assertThat(i.args()).contains("-Pgpu"));
    assertThat(Files.readString(ROOT.resolve("ml/pom.xml"))).contains("<id>gpu</id>");
  }

  @Test
  void theBuildContextLeavesOutputsDataAndHistory() throws IOException {
    List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore"));
    assertThat(ignore).contains("**/target/", "**/node_modules/", ".git/", "data/");
  }

  private static void checkCommon(List<Instruction> all) throws IOException {
    Set<String> stages = new HashSet<>();
    for (Instruction i : all) {
      assertThat(INSTRUCTIONS).as("line %d: %s", i.line(), i.keyword()).contains(i.keyword());
      if (i.keyword().equals("FROM")) {
        String[] parts = i.args().split("\\s+");
        String image = parts[0];
        assertThat(image).as("line %d: a base image pinned to a tag", i.line()).contains(":")
            .doesNotEndWith(":latest");
        if (parts.length == 3 && parts[1].equalsIgnoreCase("AS")) {
          stages.add(parts[2]);
        }
      }
      if (i.keyword().equals("COPY")) {
        Matcher m = Pattern.compile("--from=(\\S+)").matcher(i.args());
        if (m.find()) {
          assertThat(stages).as("line %d: COPY --from an earlier stage", i.line()).contains(m.group(1));
        }
      }
      assertThat(i.args()).as("line %d: no remote ADD/curl into the image", i.line()).doesNotContainIgnoringCase("curl ");
    }
    List<Instruction> last = lastStage(all);
    Instruction user = last.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b).orElseThrow();
    String uid = user.args().split(":")[0];
    assertThat(uid).as("a numeric non-root user").matches("[1-9][0-9]*");
    for (Path deployment : List.of(ROOT.resolve("kubernetes/base/api.yaml"), ROOT.resolve("kubernetes/base/forecasting.yaml"))) {
      assertThat(Files.readString(deployment)).as("%s runs as the image's user", deployment.getFileName())
          .contains("runAsUser: " + uid);
    }
    assertThat(last).anySatisfy(i -> {
      assertThat(i.keyword()).isEqualTo("COPY");
      assertThat(i.args()).contains("--from=build").contains("/src/verticles/app/target/rwa-prime.jar");
    });
    assertThat(Files.readString(ROOT.resolve("verticles/app/pom.xml"))).contains("<finalName>rwa-prime</finalName>");
    Instruction expose = last.stream().filter(i -> i.keyword().equals("EXPOSE")).findFirst().orElseThrow();
    assertThat(expose.args().split("\\s+")).contains("8080", "5701", "5702");
    Instruction entry = last.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).findFirst().orElseThrow();
    assertThat(entry.args()).as("exec form").isEqualTo("[\"java\", \"-jar\", \"/app/rwa-prime.jar\"]");
    Instruction cmd = last.stream().filter(i -> i.keyword().equals("CMD")).findFirst().orElseThrow();
    Matcher roles = Pattern.compile("--roles=([a-z,]+)").matcher(cmd.args());
    assertThat(roles.find()).isTrue();
    for (String role : roles.group(1).split(",")) {
      assertThat(role.equals("all") || Roles.names().contains(role)).as("launcher role %s", role).isTrue();
    }
    assertThat(last).anySatisfy(i -> assertThat(i.keyword().equals("ENV") && i.args().contains("-Djava.io.tmpdir=/tmp"))
        .as("temporary files under /tmp").isTrue());
  }

  private static List<Instruction> lastStage(List<Instruction> all) {
    int from = 0;
    for (int k = 0; k < all.size(); k++) {
      if (all.get(k).keyword().equals("FROM")) {
        from = k;
      }
    }
    return all.subList(from, all.size());
  }

  /** Instructions with their continuation lines joined; comments and blank lines dropped. */
  static List<Instruction> parse(Path file) throws IOException {
    List<Instruction> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    StringBuilder current = null;
    int start = 0;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (current == null && (line.isBlank() || line.stripLeading().startsWith("#"))) {
        continue;
      }
      if (current == null) {
        current = new StringBuilder();
        start = n + 1;
      }
      boolean continues = line.endsWith("\\");
      current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
      if (!continues) {
        String text = current.toString().trim();
        int space = text.indexOf(' ');
        out.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT), text.substring(space + 1).trim(), start));
        current = null;
      }
    }
    return out;
  }
}
