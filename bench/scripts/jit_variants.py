#!/usr/bin/env python3
"""Screens JVM option sets on Sightglass programs' measured parts (issue 21, docs/performance.md section 20).

  bench/scripts/jit_variants.py PROGRAMS ROUNDS LABEL=OPTS ...     (JAR=path/to/bytelift-cli.jar)

Runs SightglassMain (compiled once against JAR into bench/target/jit-variants/runner) in a fresh JVM
per run with the launcher's options (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m and the
generated methods' CompileThresholdScaling of 0.1) plus each variant's
OPTS, the variants taking turns in every round (the order rotating between rounds), and prints the
medians of whole-process wall and CPU seconds (user + system of the process), the measured part
(bench.start..bench.end), the compile time and the peak RSS (MB, /usr/bin/time), with geometric
means. "{p}" in OPTS becomes the program's name with '/' as '_' (per-program files, e.g. compiler
directives from c1_size_directives.py). No class-data-sharing archive: it changes start-up, not
the measured part; for whole-process figures use sightglass.sh --variant.

  bench/scripts/jit_variants.py bz2,regex,shootout/shootout-matrix 3 base= "ct=-XX:CompileThresholdScaling=0.1"
"""
import subprocess,sys,os,resource,time,statistics,shlex
ROOT=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SG=os.path.join(os.path.dirname(ROOT),'shared','sightglass','benchmarks')+'/'
JAR=os.environ.get('JAR',os.path.join(ROOT,'cli/target/bytelift-cli.jar'))
RUNNER=os.path.join(ROOT,'bench/target/jit-variants/runner')
src=os.path.join(ROOT,'bench/src/main/java/dev/bytelift/bench/sightglass')
subprocess.run(['javac','--release','17','-nowarn','-XDstringConcat=inline','-cp',JAR,'-d',RUNNER,src+'/SightglassMain.java',src+'/ExpectedOutput.java'],check=True)
progs=sys.argv[1].split(',')
rounds=int(sys.argv[2])
variants=[v.split('=',1) for v in sys.argv[3:]]
base='-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,dev.bytelift.generated.*::*,0.1'
res={}
for r in range(rounds):
    for p in progs:
        d,n=(p.split('/') if '/' in p else (p,'benchmark'))
        vs=variants[r%len(variants):]+variants[:r%len(variants)]
        for label,opts in vs:
            cmd=['/usr/bin/time','-f','RSSKB %M','java']+shlex.split(base)+shlex.split(opts.replace("{p}",p.replace("/","_")))+['-cp',JAR+':'+RUNNER,'dev.bytelift.bench.sightglass.SightglassMain',n+'.wasm']
            ru0=resource.getrusage(resource.RUSAGE_CHILDREN); t0=time.time()
            o=subprocess.run(cmd,cwd=SG+d,capture_output=True,text=True)
            w=time.time()-t0; ru1=resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu=ru1.ru_utime+ru1.ru_stime-ru0.ru_utime-ru0.ru_stime
            f=dict(x.split('=',1) for x in o.stdout.split() if '=' in x)
            if f.get('stdout') not in ('ok','ok-numbers'): print('FAIL',p,label,o.stdout[-300:],o.stderr[-500:]); continue
            import re as _re; rss=int(_re.search(r'RSSKB (\d+)',o.stderr).group(1))/1024
            res.setdefault((p,label),[]).append((w,cpu,float(f['measured_s']),float(f['compile_s']),rss))
print('load',os.getloadavg())
print('%-22s %-10s %7s %7s %8s %8s'%('prog','variant','wall','cpu','measured','compile'))
gm={}
for p in progs:
    for label,_ in variants:
        xs=res.get((p,label),[])
        if not xs: continue
        m=[statistics.median(x[i] for x in xs) for i in range(5)]
        gm.setdefault(label,[]).append(m)
        print('%-22s %-10s %7.3f %7.3f %8.3f %8.3f %6.0f'%(p,label,*m))
import math
for label,ms in gm.items():
    print('geomean %-10s'%label, ' '.join('%7.3f'%math.exp(sum(math.log(max(x[i],1e-4)) for x in ms)/len(ms)) for i in range(5)))
