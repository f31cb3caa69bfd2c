// A pet: it follows its owner at a set speed, gets hungry on a timer, and wags its tail now and
// then, at random but the same way on every machine.
import { args, emit, randomUnit, startTimer, state } from "../assembly/wasgo";

const HUNGER_TIMER: i64 = 1;
const SPEED: f64 = 2.0;

export function _ready(): void {
  if (!state.has("hunger")) state.setInt("hunger", 0);
  startTimer(HUNGER_TIMER, 1000, true);
}

// set_owner(name)
export function set_owner(): void {
  state.setString("owner", args.text(0));
}

// owner_moved(x, y): the owner's new position.
export function owner_moved(x: f64, y: f64): void {
  state.setFloat("target_x", x);
  state.setFloat("target_y", y);
}

export function feed(): i64 {
  state.setInt("hunger", 0);
  return 0;
}

export function _timer(id: i64): void {
  if (id == HUNGER_TIMER) state.setInt("hunger", state.getInt("hunger") + 1);
}

export function _process(delta: f64): void {
  const x = state.getFloat("x"), y = state.getFloat("y");
  const dx = state.getFloat("target_x") - x, dy = state.getFloat("target_y") - y;
  const distance = Math.sqrt(dx * dx + dy * dy);
  const step = SPEED * delta;
  if (distance > 0.0) {
    const move = distance < step ? distance : step;
    state.setFloat("x", x + dx / distance * move);
    state.setFloat("y", y + dy / distance * move);
  }
  if (randomUnit() < 0.05) {
    state.setInt("wags", state.getInt("wags") + 1);
    emit("wag");
  }
}
