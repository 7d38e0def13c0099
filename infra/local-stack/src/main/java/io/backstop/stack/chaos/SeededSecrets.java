package io.backstop.stack.chaos;

import io.backstop.modelsim.RequestBody;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets the chaos scenario ({@link ChaosSuite#SCENARIO}) seeds where triage reads, each with
 * where it sits and a carrier: a harmless text next to it on the same line, whose presence in a
 * model request body shows that the line itself reached the model (and so was redacted, not merely
 * never read). {@code SeededSecretsTest} keeps this list and the scenario file in step.
 */
record SeededSecrets(List<Seed> seeds) {

  /** One secret: where the scenario puts it, its value, and the harmless text on its line. */
  record Seed(String where, String secret, String carrier) {}

  /** What the model simulator's request bodies show about the seeds. */
  record Search(int bodies, List<Seed> leaked, List<Seed> carried) {}

  static final SeededSecrets CHAOS =
      new SeededSecrets(
          List.of(
              new Seed("env PAYMENTS_DB_URL", "Xlo88nhcIoMjHsJCC3", "PAYMENTS_DB_URL"),
              new Seed(
                  "env PAYMENTS_API_KEY", "sk_live_D0hHCh6Nbp5RkmrIpZclpePl", "PAYMENTS_API_KEY"),
              new Seed(
                  "env AWS_SECRET_ACCESS_KEY",
                  "pcg9diiCFscx8eo++DFORIHfEr92Lq5SiRCcMS2C",
                  "AWS_SECRET_ACCESS_KEY"),
              new Seed(
                  "Deployment annotation shop.internal/deploy-notify",
                  "fFwkp2p0vCdGAl3WetRXuub2",
                  "shop.internal/deploy-notify"),
              new Seed("pod log (database URL)", "Xlo88nhcIoMjHsJCC3", "c.s.checkout.db.Pool"),
              new Seed(
                  "pod log (bearer JWT)",
                  "hE9p4ItlEitiZtNa4LvANhJDhzbMEi07uLDnzIdjyCy",
                  "psp.example/authorize"),
              new Seed(
                  "pod log (AWS key pair)",
                  "pcg9diiCFscx8eo++DFORIHfEr92Lq5SiRCcMS2C",
                  "using fallback credentials"),
              new Seed(
                  "pod log (AWS key id)", "AKIAM0Z56ZKDX43BNILS", "using fallback credentials"),
              new Seed(
                  "alert annotation debug (GitHub token)",
                  "ghp_PPxl5wEXBbTFYXDYS6a3a9kIfIpZ7PImyeZo",
                  "replay.sh"),
              new Seed("alert annotation debug (password)", "m4IA5kB3bm9G92jm", "replay.sh")));

  SeededSecrets {
    seeds = List.copyOf(seeds);
  }

  /**
   * Searches every body: a seed leaked when its secret is in any body; carried when its carrier is.
   * JSON escapes nothing in these values but '/' may be written as "\/", so the search is over the
   * bodies with that escape undone.
   */
  Search in(List<RequestBody> bodies) {
    List<String> texts = bodies.stream().map(b -> b.body().replace("\\/", "/")).toList();
    List<Seed> leaked = new ArrayList<>();
    List<Seed> carried = new ArrayList<>();
    for (Seed seed : seeds) {
      if (texts.stream().anyMatch(t -> t.contains(seed.secret()))) {
        leaked.add(seed);
      }
      if (texts.stream().anyMatch(t -> t.contains(seed.carrier()))) {
        carried.add(seed);
      }
    }
    return new Search(bodies.size(), List.copyOf(leaked), List.copyOf(carried));
  }
}
