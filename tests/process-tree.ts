import { readdirSync, readFileSync } from "node:fs";

/** A process's state and parent from `/proc/<pid>/stat` (the command name may hold spaces and parentheses). */
const readStat = (pid: number): { state: string; ppid: number } | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: state!, ppid: Number(ppid) };
  } catch {
    // The process ended while we looked.
    return null;
  }
};

/** Every process whose parent chain reaches `root` (not `root` itself), with its command line, from /proc. */
export const descendants = (root: number): { pid: number; cmd: string }[] => {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
  }
  const out: { pid: number; cmd: string }[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      let cmd = "";
      try {
        cmd = readFileSync(`/proc/${child}/cmdline`, "utf8").replace(/\0/g, " ");
      } catch {
        // gone meanwhile
      }
      out.push({ pid: child, cmd });
      walk(child);
    }
  };
  walk(root);
  return out;
};

/** Whether `pid` is running (a zombie waiting for its parent counts as gone). */
export const isAlive = (pid: number): boolean => {
  const stat = readStat(pid);
  return stat !== null && stat.state !== "Z";
};
