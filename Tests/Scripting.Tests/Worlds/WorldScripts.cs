namespace WasGo.Scripting.Tests.Worlds;

/// <summary>Scripts for worlds, each a WAT fixture for one behaviour.</summary>
internal static class WorldScripts
{
    /// <summary>A wanderer that moves with floats and randomness, bumps its peer, and keeps a timer.</summary>
    public const string Wanderer = """
        (module
          (import "wasgo" "state_type" (func $state_type (param i32 i32) (result i32)))
          (import "wasgo" "state_float" (func $state_float (param i32 i32) (result f64)))
          (import "wasgo" "state_set_float" (func $state_set_float (param i32 i32 f64) (result i32)))
          (import "wasgo" "state_int" (func $state_int (param i32 i32) (result i64)))
          (import "wasgo" "state_set_int" (func $state_set_int (param i32 i32 i64) (result i32)))
          (import "wasgo" "state_set_string" (func $state_set_string (param i32 i32 i32 i32) (result i32)))
          (import "wasgo" "state_read" (func $state_read (param i32 i32 i32 i32) (result i32)))
          (import "wasgo" "arg_read" (func $arg_read (param i32 i32 i32) (result i32)))
          (import "wasgo" "random" (func $random (result i64)))
          (import "wasgo" "time" (func $time (result f64)))
          (import "wasgo" "out_float" (func $out_float (param f64) (result i32)))
          (import "wasgo" "send" (func $send (param i32 i32 i32 i32) (result i32)))
          (import "wasgo" "emit" (func $emit (param i32 i32) (result i32)))
          (import "wasgo" "timer_start" (func $timer_start (param i64 i64 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "x")
          (data (i32.const 8) "y")
          (data (i32.const 16) "bumps")
          (data (i32.const 32) "peer")
          (data (i32.const 48) "bump")
          (data (i32.const 64) "heat")
          (data (i32.const 80) "alarms")
          (data (i32.const 96) "far")
          (func $unit (param $bits i64) (result f64) ;; a float in [-1, 1) from 8 random bits
            (f64.div (f64.convert_i64_s (i64.sub (i64.and (local.get $bits) (i64.const 255)) (i64.const 128))) (f64.const 128)))
          (func (export "_ready")
            (if (i32.eqz (call $state_type (i32.const 0) (i32.const 1)))
              (then
                (drop (call $state_set_float (i32.const 0) (i32.const 1) (f64.mul (call $unit (call $random)) (f64.const 50))))
                (drop (call $state_set_float (i32.const 8) (i32.const 1) (f64.mul (call $unit (call $random)) (f64.const 50))))
                (drop (call $timer_start (i64.const 1) (i64.const 750) (i32.const 1))))))
          (func (export "set_peer")
            (local $length i32)
            (local.set $length (call $arg_read (i32.const 0) (i32.const 200) (i32.const 100)))
            (drop (call $state_set_string (i32.const 32) (i32.const 4) (i32.const 200) (local.get $length))))
          (func (export "bump") (param $force f64)
            (drop (call $state_set_int (i32.const 16) (i32.const 5) (i64.add (call $state_int (i32.const 16) (i32.const 5)) (i64.const 1))))
            (drop (call $state_set_float (i32.const 64) (i32.const 4)
              (f64.add (f64.mul (call $state_float (i32.const 64) (i32.const 4)) (f64.const 0.9)) (f64.sqrt (f64.abs (local.get $force)))))))
          (func (export "_timer") (param $id i64)
            (drop (call $state_set_int (i32.const 80) (i32.const 6) (i64.add (call $state_int (i32.const 80) (i32.const 6)) (local.get $id)))))
          (func (export "_process") (param $delta f64)
            (local $r i64) (local $x f64) (local $y f64) (local $peer i32)
            (local.set $r (call $random))
            (local.set $x (f64.add (call $state_float (i32.const 0) (i32.const 1)) (f64.mul (f64.mul (call $unit (local.get $r)) (local.get $delta)) (f64.const 3))))
            (local.set $y (f64.add (call $state_float (i32.const 8) (i32.const 1)) (f64.mul (f64.mul (call $unit (i64.shr_u (local.get $r) (i64.const 8))) (local.get $delta)) (f64.const 3))))
            ;; drift towards the origin, with a little trigonometry-free curvature
            (local.set $x (f64.sub (local.get $x) (f64.mul (local.get $y) (f64.mul (local.get $delta) (f64.const 0.01)))))
            (drop (call $state_set_float (i32.const 0) (i32.const 1) (local.get $x)))
            (drop (call $state_set_float (i32.const 8) (i32.const 1) (local.get $y)))
            (if (f64.gt (f64.add (f64.mul (local.get $x) (local.get $x)) (f64.mul (local.get $y) (local.get $y))) (f64.const 2500))
              (then (drop (call $emit (i32.const 96) (i32.const 3)))))
            ;; one tick in sixteen, bump the peer
            (if (i64.eqz (i64.and (i64.shr_u (local.get $r) (i64.const 16)) (i64.const 15)))
              (then
                (local.set $peer (call $state_read (i32.const 32) (i32.const 4) (i32.const 300) (i32.const 100)))
                (if (i32.gt_s (local.get $peer) (i32.const 0))
                  (then
                    (drop (call $out_float (f64.add (local.get $x) (call $time))))
                    (drop (call $send (i32.const 300) (local.get $peer) (i32.const 48) (i32.const 4))))))))
        )
        """;

    /// <summary>
    /// Counts in its instance's memory (address 0) the <c>_ready</c> calls that began on it, and spins
    /// in <c>_ready</c> for ever once armed: a <c>_ready</c> only the wall clock stops, after it wrote
    /// to memory. <c>peek</c> copies the count to the state, <c>boom</c> traps.
    /// </summary>
    public const string ReadySpinner = """
        (module
          (import "wasgo" "state_int" (func $state_int (param i32 i32) (result i64)))
          (import "wasgo" "state_set_int" (func $state_set_int (param i32 i32 i64) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "spin")
          (data (i32.const 32) "seen")
          (func (export "_ready")
            (i64.store (i32.const 0) (i64.add (i64.load (i32.const 0)) (i64.const 1)))
            (if (i64.ne (call $state_int (i32.const 16) (i32.const 4)) (i64.const 0))
              (then (loop $forever (br $forever)))))
          (func (export "arm") (drop (call $state_set_int (i32.const 16) (i32.const 4) (i64.const 1))))
          (func (export "disarm") (drop (call $state_set_int (i32.const 16) (i32.const 4) (i64.const 0))))
          (func (export "peek") (drop (call $state_set_int (i32.const 32) (i32.const 4) (i64.load (i32.const 0)))))
          (func (export "boom") unreachable))
        """;

    /// <summary>
    /// Counts its <c>_process</c> calls twice: in its instance's memory (address 0), which a fresh
    /// instance starts again from 0, and in its state; and counts its <c>_ready</c> calls in its state.
    /// </summary>
    public const string MemoryCounter = """
        (module
          (import "wasgo" "state_int" (func $state_int (param i32 i32) (result i64)))
          (import "wasgo" "state_set_int" (func $state_set_int (param i32 i32 i64) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "ticks")
          (data (i32.const 32) "in_memory")
          (data (i32.const 48) "readies")
          (func $add (param $name i32) (param $length i32)
            (drop (call $state_set_int (local.get $name) (local.get $length) (i64.add (call $state_int (local.get $name) (local.get $length)) (i64.const 1)))))
          (func (export "_ready") (call $add (i32.const 48) (i32.const 7)))
          (func (export "_process") (param $delta f64)
            (i64.store (i32.const 0) (i64.add (i64.load (i32.const 0)) (i64.const 1)))
            (call $add (i32.const 16) (i32.const 5))
            (drop (call $state_set_int (i32.const 32) (i32.const 9) (i64.load (i32.const 0))))))
        """;

    /// <summary>
    /// Calls its peer's <c>echo</c> every tick with a random number, and sums the replies; counts the
    /// calls the budgets refused. Each <c>_ready</c> counts itself and starts a one-shot timer.
    /// </summary>
    public const string Pinger = """
        (module
          (import "wasgo" "state_int" (func $state_int (param i32 i32) (result i64)))
          (import "wasgo" "state_set_int" (func $state_set_int (param i32 i32 i64) (result i32)))
          (import "wasgo" "state_read" (func $state_read (param i32 i32 i32 i32) (result i32)))
          (import "wasgo" "state_set_string" (func $state_set_string (param i32 i32 i32 i32) (result i32)))
          (import "wasgo" "arg_read" (func $arg_read (param i32 i32 i32) (result i32)))
          (import "wasgo" "arg_int" (func $arg_int (param i32) (result i64)))
          (import "wasgo" "random" (func $random (result i64)))
          (import "wasgo" "out_int" (func $out_int (param i64) (result i32)))
          (import "wasgo" "call" (func $call (param i32 i32 i32 i32) (result i64)))
          (import "wasgo" "timer_start" (func $timer_start (param i64 i64 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "peer")
          (data (i32.const 16) "echo")
          (data (i32.const 32) "replies")
          (data (i32.const 48) "sum")
          (data (i32.const 64) "readies")
          (data (i32.const 80) "rings")
          (data (i32.const 96) "refused")
          (func $add (param $name i32) (param $length i32) (param $by i64)
            (drop (call $state_set_int (local.get $name) (local.get $length) (i64.add (call $state_int (local.get $name) (local.get $length)) (local.get $by)))))
          (func (export "_ready")
            (call $add (i32.const 64) (i32.const 7) (i64.const 1))
            (drop (call $timer_start (i64.const 7) (i64.const 1000) (i32.const 0))))
          (func (export "set_peer")
            (drop (call $state_set_string (i32.const 0) (i32.const 4) (i32.const 200) (call $arg_read (i32.const 0) (i32.const 200) (i32.const 100)))))
          (func (export "echo") (param $n i64) (result i64) (i64.add (local.get $n) (i64.const 1)))
          (func (export "_process") (param $delta f64)
            (local $peer i32)
            (local.set $peer (call $state_read (i32.const 0) (i32.const 4) (i32.const 300) (i32.const 100)))
            (if (i32.gt_s (local.get $peer) (i32.const 0))
              (then
                (drop (call $out_int (call $random)))
                (if (i64.lt_s (call $call (i32.const 300) (local.get $peer) (i32.const 16) (i32.const 4)) (i64.const 0))
                  (then (call $add (i32.const 96) (i32.const 7) (i64.const 1)))))))
          (func (export "_reply") (param $id i64)
            (call $add (i32.const 32) (i32.const 7) (i64.const 1))
            (call $add (i32.const 48) (i32.const 3) (call $arg_int (i32.const 0))))
          (func (export "_timer") (param $id i64) (call $add (i32.const 80) (i32.const 5) (i64.const 1))))
        """;
}
