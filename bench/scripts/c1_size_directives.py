#!/usr/bin/env python3
"""Compiler directives that keep C1 from inlining the VarHandle memory helpers into generated methods
of more than THRESHOLD bytes of bytecode (an experiment of docs/performance.md section 20; with
-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=FILE, which prints a line on stdout).

  bench/scripts/c1_size_directives.py PROGRAM THRESHOLD     (JAR=path/to/bytelift-cli.jar)

Dumps PROGRAM's generated classes (bytelift run --dump-classes) into bench/target/jit-variants/dumps
and writes bench/target/jit-variants/dirs/PROGRAM-THRESHOLD.json.
"""
import subprocess,sys,os,glob,re,json
ROOT=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SG=os.path.join(os.path.dirname(ROOT),'shared','sightglass','benchmarks')+'/'
JAR=os.environ.get('JAR',os.path.join(ROOT,'cli/target/bytelift-cli.jar'))
OUT=os.path.join(ROOT,'bench/target/jit-variants')
p,thr=sys.argv[1],int(sys.argv[2])
d,n=(p.split('/') if '/' in p else (p,'benchmark'))
dump=OUT+'/dumps/'+p.replace('/','_')
if not os.path.isdir(dump):
    subprocess.run(['java','-XX:TieredStopAtLevel=1','-jar',JAR,'run','--dump-classes',dump,'--invoke','__none__',SG+d+'/'+n+'.wasm'],capture_output=True)
pats=[];tot=0;big=0
for c in glob.glob(dump+'/**/*.class',recursive=True):
    out=subprocess.run(['javap','-p','-c',c],capture_output=True,text=True).stdout
    cls=os.path.relpath(c,dump)[:-6]
    meth=None;last=0
    for l in out.split('\n')+['  x(']:
        m=re.match(r'  \S.*?([\w$]+)\(',l)
        if m:
            if meth and last>thr: pats.append(cls+'.'+meth); big+=last
            if meth: tot+=last
            meth=m.group(1); last=0; continue
        m=re.match(r'\s+(\d+): ',l)
        if m: last=int(m.group(1))
inl=["-dev/bytelift/runtime/internal/MemoryAccess.*"+s for s in ['Load','Load16S','Load16U','Load32S','Load32U','Store','Store16','Store32']]
os.makedirs(OUT+'/dirs',exist_ok=True)
f=OUT+'/dirs/%s-%d.json'%(p.replace('/','_'),thr)
json.dump([{"match":pats or ["nothing/Nothing.nothing"],"c1":{"inline":inl}}],open(f,'w'))
print(p,thr,len(pats),'methods',big,'of',tot,'bytes')
