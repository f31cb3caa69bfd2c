// An NPC: it wanders at random (the same walk on every machine), counts its steps, and greets.
import { args, randomUnit, returnString, selfId, state } from "../assembly/wasgo";

export function _process(delta: f64): void {
  const angleX = randomUnit() * 2.0 - 1.0;
  const angleY = randomUnit() * 2.0 - 1.0;
  state.setFloat("x", state.getFloat("x") + angleX * delta);
  state.setFloat("y", state.getFloat("y") + angleY * delta);
  state.setInt("steps", state.getInt("steps") + 1);
}

// greet(name) -> "Hello, <name>! I am <self>."
export function greet(): void {
  returnString("Hello, " + args.text(0) + "! I am " + selfId() + ".");
}

export function steps(): i64 {
  return state.getInt("steps");
}
