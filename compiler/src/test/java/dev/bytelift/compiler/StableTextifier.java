package dev.bytelift.compiler;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.Textifier;

/**
 * ASM's {@link Textifier}, except that float and double constants are printed in hexadecimal.
 * The plain Textifier prints them with {@code Float.toString}/{@code Double.toString}, whose output
 * changed in JDK 19 (JDK-4511638: 17 prints {@code 2e23} as {@code 1.9999999999999998E23}, 25 as
 * {@code 2.0E23}); the golden text must read the same on every JDK. Hexadecimal is exact.
 */
final class StableTextifier extends Textifier {

    StableTextifier() {
        super(Opcodes.ASM9);
    }

    @Override
    protected Textifier createTextifier() {
        // the printers of methods, fields and annotations are made here: they must be stable too
        return new StableTextifier();
    }

    @Override
    public void visitLdcInsn(Object value) {
        String exact;
        if (value instanceof Float f) exact = "(float) " + Float.toHexString(f);
        else if (value instanceof Double d) exact = "(double) " + Double.toHexString(d);
        else {
            super.visitLdcInsn(value);
            return;
        }
        stringBuilder.setLength(0);
        stringBuilder.append(tab2).append("LDC ").append(exact).append('\n');
        text.add(stringBuilder.toString());
    }
}
