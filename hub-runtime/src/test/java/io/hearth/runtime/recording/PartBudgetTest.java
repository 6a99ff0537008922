package io.hearth.runtime.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The playbacks' memory budget: what fits is given at once; what does not waits and is given in the
 * order asked as parts are released; a read ahead never jumps the queue; a part larger than the
 * budget goes through alone; releasing twice gives back once; the budget is never exceeded.
 */
class PartBudgetTest {
  @Test
  void asksThatDoNotFitWaitAndAreGivenInOrder() {
    PartBudget budget = new PartBudget(100);
    PartBudget.Reservation a = budget.reserve(60).result();
    PartBudget.Reservation b = budget.reserve(40).result();
    assertNotNull(a);
    assertNotNull(b);
    List<String> given = new ArrayList<>();
    Future<PartBudget.Reservation> c = budget.reserve(50).onSuccess(r -> given.add("c"));
    Future<PartBudget.Reservation> d = budget.reserve(10).onSuccess(r -> given.add("d"));
    assertFalse(c.isComplete(), "60 + 40 + 50 > 100");
    assertFalse(d.isComplete(), "d fits in nothing left, and must not pass c anyway");
    assertNull(budget.reserveIfFree(1), "a read ahead must not jump the queue");

    b.release();
    assertFalse(c.isComplete(), "60 + 50 > 100 still");
    a.release();
    assertTrue(c.isComplete() && d.isComplete());
    assertEquals(List.of("c", "d"), given, "given in the order asked");
    assertArrayEquals(new long[] {60, 100}, budget.heldAndPeak());

    c.result().release();
    c.result().release(); // once only
    assertArrayEquals(new long[] {10, 100}, budget.heldAndPeak());
    assertNotNull(budget.reserveIfFree(90), "room now, and nobody waits");
    assertNull(budget.reserveIfFree(1));
  }

  @Test
  void aPartLargerThanTheBudgetGoesAloneAndOthersWaitForIt() {
    PartBudget budget = new PartBudget(100);
    PartBudget.Reservation small = budget.reserve(10).result();
    Future<PartBudget.Reservation> huge = budget.reserve(250);
    assertFalse(huge.isComplete(), "waits until nothing else is held");
    small.release();
    assertTrue(huge.isComplete(), "alone, it goes through");
    Future<PartBudget.Reservation> after = budget.reserve(1);
    assertFalse(after.isComplete());
    huge.result().release();
    assertTrue(after.isComplete());
    assertEquals(250, budget.heldAndPeak()[1]);
  }
}
