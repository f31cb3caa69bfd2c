// A counter: the smallest useful entity.
import { state } from "../assembly/wasgo";

export function increment(by: i64): i64 {
  const count = state.getInt("count") + by;
  state.setInt("count", count);
  return count;
}

export function get(): i64 {
  return state.getInt("count");
}

export function reset(): void {
  state.setInt("count", 0);
}
