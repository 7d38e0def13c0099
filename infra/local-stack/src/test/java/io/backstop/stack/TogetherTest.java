package io.backstop.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TogetherTest {

  /** A deadline that only a hung start reaches; nothing here waits for it to pass. */
  private static final long GENEROUS_SECONDS = 120;

  @Test
  void partsStartSideBySide() {
    // Each part waits until the other has begun: this only finishes when both run at once.
    CountDownLatch aBegan = new CountDownLatch(1);
    CountDownLatch bBegan = new CountDownLatch(1);
    Set<String> done = ConcurrentHashMap.newKeySet();

    Together.run(
        List.of(
            new Together.Step("a", () -> meet(aBegan, bBegan, () -> done.add("a"))),
            new Together.Step("b", () -> meet(bBegan, aBegan, () -> done.add("b")))),
        false);

    assertThat(done).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aFailedPartLetsTheOthersFinishAndIsThrownFirstWithTheRestSuppressed() {
    CountDownLatch failed = new CountDownLatch(1);
    Set<String> done = ConcurrentHashMap.newKeySet();

    assertThatThrownBy(
            () ->
                Together.run(
                    List.of(
                        new Together.Step(
                            "broker",
                            () -> {
                              failed.countDown();
                              throw new IllegalStateException("broker failed");
                            }),
                        new Together.Step(
                            "sandbox",
                            () -> {
                              // Still running when the broker has already failed: it finishes.
                              await(failed);
                              done.add("sandbox");
                            }),
                        new Together.Step(
                            "pager",
                            () -> {
                              await(failed);
                              throw new IllegalArgumentException("pager failed");
                            })),
                    false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("broker failed")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .singleElement()
                    .isInstanceOf(IllegalArgumentException.class));
    assertThat(done).containsExactly("sandbox");
  }

  @Test
  void oneAfterAnotherStopsAtTheFirstFailure() {
    Set<String> done = ConcurrentHashMap.newKeySet();

    assertThatThrownBy(
            () ->
                Together.run(
                    List.of(
                        new Together.Step("first", () -> done.add("first")),
                        new Together.Step(
                            "second",
                            () -> {
                              throw new IllegalStateException("second failed");
                            }),
                        new Together.Step("third", () -> done.add("third"))),
                    true))
        .hasMessage("second failed");
    assertThat(done).containsExactly("first");
  }

  @Test
  void aCheckedFailureIsNamedAsAFailedStart() {
    assertThatThrownBy(
            () ->
                Together.run(
                    List.of(
                        new Together.Step("a", () -> {}),
                        new Together.Step(
                            "b",
                            () -> {
                              throw new AssertionError("not a runtime exception");
                            })),
                    false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a part of the stack failed to start")
        .hasCauseInstanceOf(AssertionError.class);
  }

  private static void meet(CountDownLatch mine, CountDownLatch theirs, Runnable then) {
    mine.countDown();
    await(theirs);
    then.run();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(GENEROUS_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other part never began");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
