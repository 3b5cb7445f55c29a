/*
 * interp: a small stack-machine bytecode interpreter. The dispatch loop
 * calls each instruction's handler through a table of function pointers
 * (compiles to call_indirect in Wasm). The program, assembled at run time,
 * runs an LCG and folds its output into an accumulator with a data-dependent
 * branch, plus an inner counted loop. Checksum: the VM registers at HALT and
 * the number of instructions executed.
 */
#include <stdint.h>

enum {
    OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_XOR,
    OP_AND, OP_OR, OP_SHL, OP_SHR, OP_DUP, OP_SWAP, OP_POP, OP_JMP, OP_JZ,
    OP_JNZ, OP_LT, OP_INC, OP_DEC, OP_COUNT
};

#define CODE_MAX 256
#define STACK_MAX 64
#define NREGS 8

typedef struct {
    uint32_t stack[STACK_MAX];
    int sp;
    uint32_t regs[NREGS];
    uint64_t executed;
} Vm;

static Vm vm;
static int32_t code[CODE_MAX];
static int code_len;

typedef int (*Handler)(int pc);

static inline uint32_t pop(void) { return vm.stack[--vm.sp & (STACK_MAX - 1)]; }
static inline void push(uint32_t v) { vm.stack[vm.sp++ & (STACK_MAX - 1)] = v; }

static int op_halt(int pc) { (void)pc; return -1; }
static int op_push(int pc) { push((uint32_t)code[pc + 1]); return pc + 2; }
static int op_load(int pc) { push(vm.regs[code[pc + 1] & (NREGS - 1)]); return pc + 2; }
static int op_store(int pc) { vm.regs[code[pc + 1] & (NREGS - 1)] = pop(); return pc + 2; }
static int op_add(int pc) { uint32_t b = pop(), a = pop(); push(a + b); return pc + 1; }
static int op_sub(int pc) { uint32_t b = pop(), a = pop(); push(a - b); return pc + 1; }
static int op_mul(int pc) { uint32_t b = pop(), a = pop(); push(a * b); return pc + 1; }
static int op_xor(int pc) { uint32_t b = pop(), a = pop(); push(a ^ b); return pc + 1; }
static int op_and(int pc) { uint32_t b = pop(), a = pop(); push(a & b); return pc + 1; }
static int op_or(int pc) { uint32_t b = pop(), a = pop(); push(a | b); return pc + 1; }
static int op_shl(int pc) { uint32_t b = pop(), a = pop(); push(a << (b & 31)); return pc + 1; }
static int op_shr(int pc) { uint32_t b = pop(), a = pop(); push(a >> (b & 31)); return pc + 1; }
static int op_dup(int pc) { uint32_t a = pop(); push(a); push(a); return pc + 1; }
static int op_swap(int pc) { uint32_t b = pop(), a = pop(); push(b); push(a); return pc + 1; }
static int op_pop(int pc) { (void)pop(); return pc + 1; }
static int op_jmp(int pc) { return code[pc + 1]; }
static int op_jz(int pc) { return pop() == 0 ? code[pc + 1] : pc + 2; }
static int op_jnz(int pc) { return pop() != 0 ? code[pc + 1] : pc + 2; }
static int op_lt(int pc) { uint32_t b = pop(), a = pop(); push(a < b ? 1u : 0u); return pc + 1; }
static int op_inc(int pc) { vm.regs[code[pc + 1] & (NREGS - 1)]++; return pc + 2; }
static int op_dec(int pc) { vm.regs[code[pc + 1] & (NREGS - 1)]--; return pc + 2; }

static Handler handlers[OP_COUNT] = {
    op_halt, op_push, op_load, op_store, op_add, op_sub, op_mul, op_xor,
    op_and, op_or, op_shl, op_shr, op_dup, op_swap, op_pop, op_jmp, op_jz,
    op_jnz, op_lt, op_inc, op_dec,
};

static void emit(int32_t v) { code[code_len++] = v; }
static void emit2(int32_t op, int32_t arg) { emit(op); emit(arg); }

/* registers: r0 = outer counter, r1 = accumulator, r2 = lcg state,
 * r3 = temp, r4 = inner counter, r5 = branch counter */
static void assemble(uint32_t iterations) {
    code_len = 0;
    emit2(OP_PUSH, (int32_t)iterations); emit2(OP_STORE, 0);
    emit2(OP_PUSH, 0); emit2(OP_STORE, 1);
    emit2(OP_PUSH, 12345); emit2(OP_STORE, 2);
    int loop = code_len;
    /* r2 = r2 * 1103515245 + 12345 */
    emit2(OP_LOAD, 2); emit2(OP_PUSH, 1103515245); emit(OP_MUL);
    emit2(OP_PUSH, 12345); emit(OP_ADD); emit(OP_DUP); emit2(OP_STORE, 2);
    /* r3 = (r2 >> 16) & 1023 */
    emit2(OP_PUSH, 16); emit(OP_SHR); emit2(OP_PUSH, 1023); emit(OP_AND); emit2(OP_STORE, 3);
    /* if (r3 & 1) r1 += r3 else r1 ^= r3 << 3 */
    emit2(OP_LOAD, 3); emit2(OP_PUSH, 1); emit(OP_AND);
    emit(OP_JZ); int patch_else = code_len; emit(0);
    emit2(OP_LOAD, 1); emit2(OP_LOAD, 3); emit(OP_ADD); emit2(OP_STORE, 1);
    emit2(OP_INC, 5);
    emit(OP_JMP); int patch_end = code_len; emit(0);
    code[patch_else] = code_len;
    emit2(OP_LOAD, 1); emit2(OP_LOAD, 3); emit2(OP_PUSH, 3); emit(OP_SHL); emit(OP_XOR); emit2(OP_STORE, 1);
    code[patch_end] = code_len;
    /* inner loop: for (r4 = 0; r4 < 4; r4++) r1 = r1 * 33 + r4 */
    emit2(OP_PUSH, 0); emit2(OP_STORE, 4);
    int inner = code_len;
    emit2(OP_LOAD, 1); emit2(OP_PUSH, 33); emit(OP_MUL); emit2(OP_LOAD, 4); emit(OP_ADD); emit2(OP_STORE, 1);
    emit2(OP_INC, 4);
    emit2(OP_LOAD, 4); emit2(OP_PUSH, 4); emit(OP_LT); emit2(OP_JNZ, inner);
    /* r0--, loop while r0 != 0 */
    emit2(OP_DEC, 0); emit2(OP_LOAD, 0); emit2(OP_JNZ, loop);
    emit(OP_HALT);
}

static void execute(void) {
    int pc = 0;
    while (pc >= 0) {
        vm.executed++;
        pc = handlers[code[pc]](pc);
    }
}

__attribute__((export_name("run")))
long long run(int scale) {
    for (int i = 0; i < NREGS; i++) vm.regs[i] = 0;
    vm.sp = 0;
    vm.executed = 0;
    assemble(16000u * (uint32_t)scale);
    execute();
    uint64_t acc = vm.executed;
    for (int i = 0; i < NREGS; i++) acc = acc * 0x100000001b3ull ^ vm.regs[i];
    return (long long)(acc ^ ((uint64_t)(uint32_t)vm.sp << 56));
}
