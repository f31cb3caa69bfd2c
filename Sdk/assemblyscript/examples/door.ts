// A door: opened and closed by calls; each change is a signal its subscribers see.
import { args, emit, out, state } from "../assembly/wasgo";

function setOpen(open: i64, signal: string): void {
  if (state.getInt("open") == open) return;
  state.setInt("open", open);
  state.setInt("changes", state.getInt("changes") + 1);
  if (args.count() > 0) out.text(args.text(0));
  else out.nil();
  emit(signal);
}

// open([who]) and close([who]): the optional argument says who did it.
export function open(): void { setOpen(1, "opened"); }
export function close(): void { setOpen(0, "closed"); }
export function is_open(): i64 { return state.getInt("open"); }
