namespace WasGo.Scripting.Tests.Hostile;

/// <summary>The scripts of the hostile tests, in the WebAssembly text format: one written to hurt the host, and a well-behaved counter beside it.</summary>
internal static class HostileScripts
{
    /// <summary>Loops, recurses, grows its memory, writes oversized state, and pings a peer that pings it back for ever.</summary>
    public const string Hostile = """
        (module
          (import "wasgo" "state_int" (func $state_int (param i32 i32) (result i64)))
          (import "wasgo" "state_set_string" (func $set_string (param i32 i32 i32 i32) (result i32)))
          (import "wasgo" "state_set_int" (func $set_int (param i32 i32 i64) (result i32)))
          (import "wasgo" "out_string" (func $out_string (param i32 i32) (result i32)))
          (import "wasgo" "send" (func $send (param i32 i32 i32 i32) (result i32)))
          (import "wasgo" "arg_read" (func $arg_read (param i32 i32 i32) (result i32)))
          (import "wasgo" "self_id" (func $self_id (param i32 i32) (result i32)))
          (memory (export "memory") 2)
          (data (i32.const 0) "big")
          (data (i32.const 16) "ping")
          (data (i32.const 32) "c")
          (data (i32.const 48) "pings")
          (func (export "_process") (param f64) (loop $forever (br $forever)))
          (func (export "spin") (loop $forever (br $forever)))
          (func $recurse (export "recurse") (param $n i64) (result i64) (i64.add (call $recurse (i64.add (local.get $n) (i64.const 1))) (i64.const 1)))
          (func (export "grow") (result i64)
            (block $full (loop $more
              (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
              (br $more)))
            (i64.extend_i32_u (memory.size)))
          (func (export "write_big") (result i64) ;; a 70,000-byte string is over the value limit
            (i64.extend_i32_s (call $set_string (i32.const 0) (i32.const 3) (i32.const 100) (i32.const 70000))))
          (func (export "many_columns") (result i64) ;; one more column than a row may have
            (local $i i32) (local $status i32)
            (block $done (loop $next
              (br_if $done (i32.gt_u (local.get $i) (i32.const 256)))
              (i32.store8 (i32.const 32) (i32.add (i32.const 65) (i32.rem_u (local.get $i) (i32.const 26))))
              (i32.store8 offset=1 (i32.const 32) (i32.add (i32.const 65) (i32.div_u (local.get $i) (i32.const 26))))
              (local.set $status (call $set_int (i32.const 32) (i32.const 2) (i64.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
            (i64.extend_i32_s (local.get $status)))
          (func (export "ping") ;; ping(peer): count the ping, and ping the peer with our own id, so it pings us back, for ever
            (local $length i32) (local $self i32)
            (local.set $length (call $arg_read (i32.const 0) (i32.const 200) (i32.const 100)))
            (drop (call $set_int (i32.const 48) (i32.const 5) (i64.add (call $state_int (i32.const 48) (i32.const 5)) (i64.const 1))))
            (local.set $self (call $self_id (i32.const 300) (i32.const 100)))
            (drop (call $out_string (i32.const 300) (local.get $self)))
            (drop (call $send (i32.const 200) (local.get $length) (i32.const 16) (i32.const 4)))))
        """;

    /// <summary>A counter: <c>increment(by)</c> and <c>get</c>, and <c>_process</c> adds one on every tick.</summary>
    public const string Counter = """
        (module
          (import "wasgo" "state_int" (func $state_int (param i32 i32) (result i64)))
          (import "wasgo" "state_set_int" (func $state_set_int (param i32 i32 i64) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "count")
          (func (export "increment") (param $by i64) (result i64)
            (local $n i64)
            (local.set $n (i64.add (call $state_int (i32.const 0) (i32.const 5)) (local.get $by)))
            (drop (call $state_set_int (i32.const 0) (i32.const 5) (local.get $n)))
            (local.get $n))
          (func (export "get") (result i64) (call $state_int (i32.const 0) (i32.const 5)))
          (func (export "_process") (param $delta f64)
            (drop (call $state_set_int (i32.const 0) (i32.const 5) (i64.add (call $state_int (i32.const 0) (i32.const 5)) (i64.const 1))))))
        """;
}
