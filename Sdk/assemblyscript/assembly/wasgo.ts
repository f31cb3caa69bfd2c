// The WasGo ABI v1 for AssemblyScript (see ../../ABI.md): the raw `wasgo` imports, and helpers that
// take and return AssemblyScript strings (UTF-16 in AssemblyScript, UTF-8 across the ABI).

// Value tags.
export const NIL: i32 = 0;
export const INTEGER: i32 = 1;
export const FLOAT: i32 = 2;
export const STRING: i32 = 3;
export const BYTES: i32 = 4;
export const ERROR: i32 = 5;

// Godot's notification numbers.
export const NOTIFICATION_PREDELETE: i32 = 1;
export const NOTIFICATION_READY: i32 = 13;
export const NOTIFICATION_PHYSICS_PROCESS: i32 = 16;
export const NOTIFICATION_PROCESS: i32 = 17;

export namespace raw {
  @external("wasgo", "arg_count") export declare function arg_count(): i32;
  @external("wasgo", "arg_type") export declare function arg_type(index: i32): i32;
  @external("wasgo", "arg_int") export declare function arg_int(index: i32): i64;
  @external("wasgo", "arg_float") export declare function arg_float(index: i32): f64;
  @external("wasgo", "arg_len") export declare function arg_len(index: i32): i32;
  @external("wasgo", "arg_read") export declare function arg_read(index: i32, buffer: usize, capacity: i32): i32;
  @external("wasgo", "return_nil") export declare function return_nil(): void;
  @external("wasgo", "return_int") export declare function return_int(value: i64): void;
  @external("wasgo", "return_float") export declare function return_float(value: f64): void;
  @external("wasgo", "return_string") export declare function return_string(text: usize, length: i32): i32;
  @external("wasgo", "return_bytes") export declare function return_bytes(bytes: usize, length: i32): i32;
  @external("wasgo", "state_type") export declare function state_type(name: usize, nameLength: i32): i32;
  @external("wasgo", "state_int") export declare function state_int(name: usize, nameLength: i32): i64;
  @external("wasgo", "state_float") export declare function state_float(name: usize, nameLength: i32): f64;
  @external("wasgo", "state_len") export declare function state_len(name: usize, nameLength: i32): i32;
  @external("wasgo", "state_read") export declare function state_read(name: usize, nameLength: i32, buffer: usize, capacity: i32): i32;
  @external("wasgo", "state_set_nil") export declare function state_set_nil(name: usize, nameLength: i32): i32;
  @external("wasgo", "state_set_int") export declare function state_set_int(name: usize, nameLength: i32, value: i64): i32;
  @external("wasgo", "state_set_float") export declare function state_set_float(name: usize, nameLength: i32, value: f64): i32;
  @external("wasgo", "state_set_string") export declare function state_set_string(name: usize, nameLength: i32, text: usize, length: i32): i32;
  @external("wasgo", "state_set_bytes") export declare function state_set_bytes(name: usize, nameLength: i32, bytes: usize, length: i32): i32;
  @external("wasgo", "out_nil") export declare function out_nil(): i32;
  @external("wasgo", "out_int") export declare function out_int(value: i64): i32;
  @external("wasgo", "out_float") export declare function out_float(value: f64): i32;
  @external("wasgo", "out_string") export declare function out_string(text: usize, length: i32): i32;
  @external("wasgo", "out_bytes") export declare function out_bytes(bytes: usize, length: i32): i32;
  @external("wasgo", "send") export declare function send(target: usize, targetLength: i32, method: usize, methodLength: i32): i32;
  @external("wasgo", "call") export declare function call(target: usize, targetLength: i32, method: usize, methodLength: i32): i64;
  @external("wasgo", "emit") export declare function emit(signal: usize, signalLength: i32): i32;
  @external("wasgo", "timer_start") export declare function timer_start(id: i64, delayMs: i64, repeat: i32): i32;
  @external("wasgo", "timer_cancel") export declare function timer_cancel(id: i64): i32;
  @external("wasgo", "log") export declare function log(level: i32, text: usize, length: i32): void;
  @external("wasgo", "time") export declare function time(): f64;
  @external("wasgo", "random") export declare function random(): i64;
  @external("wasgo", "self_id") export declare function self_id(buffer: usize, capacity: i32): i32;
  @external("wasgo", "world_id") export declare function world_id(buffer: usize, capacity: i32): i32;
}

function utf8(text: string): ArrayBuffer {
  return String.UTF8.encode(text);
}

function at(buffer: ArrayBuffer): usize {
  return changetype<usize>(buffer);
}

/** Arguments of the current call. */
export namespace args {
  export function count(): i32 { return raw.arg_count(); }
  export function type(index: i32): i32 { return raw.arg_type(index); }
  export function int(index: i32): i64 { return raw.arg_int(index); }
  export function float(index: i32): f64 { return raw.arg_float(index); }
  /** A string argument ("" if it is not one). */
  export function text(index: i32): string {
    const length = raw.arg_len(index);
    if (length <= 0) return "";
    const buffer = new ArrayBuffer(length);
    raw.arg_read(index, at(buffer), length);
    return String.UTF8.decode(buffer);
  }
}

/** The result of the current call, when it is not the function's own return value. */
export function returnString(text: string): void {
  const bytes = utf8(text);
  raw.return_string(at(bytes), bytes.byteLength);
}

/** The entity's own state row. */
export namespace state {
  export function has(name: string): bool { const n = utf8(name); return raw.state_type(at(n), n.byteLength) != NIL; }
  export function getInt(name: string): i64 { const n = utf8(name); return raw.state_int(at(n), n.byteLength); }
  export function getFloat(name: string): f64 { const n = utf8(name); return raw.state_float(at(n), n.byteLength); }
  export function getString(name: string): string {
    const n = utf8(name);
    const length = raw.state_len(at(n), n.byteLength);
    if (length <= 0) return "";
    const buffer = new ArrayBuffer(length);
    raw.state_read(at(n), n.byteLength, at(buffer), length);
    return String.UTF8.decode(buffer);
  }
  export function setInt(name: string, value: i64): i32 { const n = utf8(name); return raw.state_set_int(at(n), n.byteLength, value); }
  export function setFloat(name: string, value: f64): i32 { const n = utf8(name); return raw.state_set_float(at(n), n.byteLength, value); }
  export function setString(name: string, value: string): i32 {
    const n = utf8(name);
    const v = utf8(value);
    return raw.state_set_string(at(n), n.byteLength, at(v), v.byteLength);
  }
  export function remove(name: string): i32 { const n = utf8(name); return raw.state_set_nil(at(n), n.byteLength); }
}

/** Staging the arguments of the next send, call or signal. */
export namespace out {
  export function nil(): i32 { return raw.out_nil(); }
  export function int(value: i64): i32 { return raw.out_int(value); }
  export function float(value: f64): i32 { return raw.out_float(value); }
  export function text(value: string): i32 { const t = utf8(value); return raw.out_string(at(t), t.byteLength); }
}

/** A one-way message to another entity, with the staged arguments. */
export function send(target: string, method: string): i32 {
  const t = utf8(target);
  const m = utf8(method);
  return raw.send(at(t), t.byteLength, at(m), m.byteLength);
}

/** A call whose reply arrives in _reply(callId); returns the call id. */
export function call(target: string, method: string): i64 {
  const t = utf8(target);
  const m = utf8(method);
  return raw.call(at(t), t.byteLength, at(m), m.byteLength);
}

/** A signal to the entity's subscribers, with the staged arguments. */
export function emit(signal: string): i32 {
  const s = utf8(signal);
  return raw.emit(at(s), s.byteLength);
}

export function startTimer(id: i64, delayMs: i64, repeat: bool): i32 { return raw.timer_start(id, delayMs, repeat ? 1 : 0); }
export function cancelTimer(id: i64): i32 { return raw.timer_cancel(id); }

export function log(level: i32, text: string): void {
  const t = utf8(text);
  raw.log(level, at(t), t.byteLength);
}

/** The world's time in seconds, the same on every machine. */
export function time(): f64 { return raw.time(); }

/** The entity's deterministic generator. */
export function random(): i64 { return raw.random(); }

/** A float in [0, 1) from the entity's deterministic generator. */
export function randomUnit(): f64 { return <f64>(<u64>raw.random() >> 11) * (1.0 / 9007199254740992.0); }

export function selfId(): string {
  const buffer = new ArrayBuffer(256);
  const length = raw.self_id(at(buffer), 256);
  return String.UTF8.decode(buffer.slice(0, min(length, 256)));
}

/** What AssemblyScript calls on a failed assertion: log it, then trap (the host retries on a fresh instance). */
export function abort(message: string | null, file: string | null, line: u32, column: u32): void {
  log(4, "abort: " + (message !== null ? message : "") + " at " + (file !== null ? file : "") + ":" + line.toString() + ":" + column.toString());
  unreachable();
}
