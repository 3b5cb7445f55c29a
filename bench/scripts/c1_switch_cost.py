#!/usr/bin/env python3
"""What a JVM switch costs by the position of the key, under C1 only (as ./bytelift runs) and with
C2, and a switch against the same switch as a binary tree of 8-key switches, for random keys
(docs/performance.md §18). Writes two small Java programs to a temporary folder and runs them with
the `java` on the PATH (or JAVA=...). Timings are per call of a method that is never inlined.

    bench/scripts/c1_switch_cost.py [--cases 272]
"""
import argparse, os, subprocess, tempfile

def cases(lo, hi):
    return "\n".join(f"case {i}: return {i * 7 % 13 + i};" for i in range(lo, hi))

def tree(lo, hi):
    if hi - lo <= 8:
        return f"switch (x) {{ {cases(lo, hi)} default: return -1; }}\n"
    mid = (lo + hi) // 2
    return f"if (x < {mid}) {{\n{tree(lo, mid)}}} else {{\n{tree(mid, hi)}}}\n"

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cases", type=int, default=272)
    n = p.parse_args().cases
    java = os.environ.get("JAVA", "java")
    d = tempfile.mkdtemp(prefix="c1switch")
    # by position: the same key every call (predicted), first, middle, last, default
    open(os.path.join(d, "Position.java"), "w").write(f"""
public class Position {{
  static int f(int x) {{ switch (x) {{ {cases(0, n)} default: return -1; }} }}
  public static void main(String[] a) {{
    int k = Integer.parseInt(a[0]); long s = 0, best = Long.MAX_VALUE;
    for (int r = 0; r < 5; r++) {{
      long t = System.nanoTime(); for (int i = 0; i < 20_000_000; i++) s += f(k + (i & 1));
      best = Math.min(best, System.nanoTime() - t);
    }}
    System.out.printf("key %d: %.1f ns (%d)%n", k, best / 20_000_000.0, s & 1);
  }}
}}""")
    open(os.path.join(d, "Random.java"), "w").write(f"""
public class Random {{
  static int flat(int x) {{ switch (x) {{ {cases(0, n)} default: return -1; }} }}
  static int tree(int x) {{
{tree(0, n)}  }}
  public static void main(String[] a) {{
    int[] keys = new int[1 << 16]; java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < keys.length; i++) keys[i] = r.nextInt({n});
    long s = 0, bf = Long.MAX_VALUE, bt = Long.MAX_VALUE;
    for (int round = 0; round < 6; round++) {{
      long t = System.nanoTime(); for (int j = 0; j < 200; j++) for (int k : keys) s += flat(k); bf = Math.min(bf, System.nanoTime() - t);
      t = System.nanoTime(); for (int j = 0; j < 200; j++) for (int k : keys) s += tree(k); bt = Math.min(bt, System.nanoTime() - t);
    }}
    System.out.printf("random keys: switch %.1f ns, tree %.1f ns (%d)%n", bf / (200.0 * keys.length), bt / (200.0 * keys.length), s & 1);
  }}
}}""")
    subprocess.run(["javac", "-d", d, os.path.join(d, "Position.java"), os.path.join(d, "Random.java")], check=True)
    quiet = ["-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline,*::f",
             "-XX:CompileCommand=dontinline,*::flat", "-XX:CompileCommand=dontinline,*::tree"]
    for label, flags in (("C1 only (-XX:TieredStopAtLevel=1)", ["-XX:TieredStopAtLevel=1"]), ("default (C2)", [])):
        print(f"== {label}, {n} cases")
        for k in (0, n // 2, n - 2, n + 100):
            subprocess.run([java] + flags + quiet + ["-cp", d, "Position", str(k)], check=True)
        subprocess.run([java] + flags + quiet + ["-cp", d, "Random"], check=True)

if __name__ == "__main__":
    main()
