package io.backstop.stream.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The size of every batch the batch test function was handed. */
public class BatchSizes {

  private final List<Integer> sizes = new CopyOnWriteArrayList<>();

  void record(int size) {
    sizes.add(size);
  }

  public int largest() {
    return sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
  }
}
