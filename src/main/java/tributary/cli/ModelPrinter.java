package tributary.cli;

import java.io.PrintStream;
import java.util.List;
import tributary.model.AttributeDef;
import tributary.model.ClassDef;
import tributary.model.DataModel;

/** The {@code model} command's output: what a user can import or query, class by class. */
final class ModelPrinter {

    private final DataModel model;

    ModelPrinter(DataModel model) {
        this.model = model;
    }

    void print(PrintStream out, String onlyClass) {
        List<ClassDef> classes = onlyClass == null ? List.copyOf(model.classes()) : List.of(model.cls(onlyClass));
        for (ClassDef cls : classes) {
            out.println(cls.name() + (cls.isAbstract() ? " (abstract)" : "")
                    + (cls.parent() == null ? "" : " < " + String.join(" < ", model.lineage(cls.name()).subList(1,
                    model.lineage(cls.name()).size())))
                    + "   [table cmdb." + model.tableOf(cls.name()) + ", category " + model.category(cls.name()) + "]");
            out.println("  friendly name: " + String.join(" ", model.friendlyNameAttributes(cls.name())));
            out.println("  reconciliation keys: " + String.join(", ", model.reconciliationKeys(cls.name())));
            model.lifecycle(cls.name()).ifPresent(lifecycle -> out.println("  lifecycle on '" + lifecycle.stateAttribute()
                    + "': " + lifecycle.states().stream().map(s -> s.code() + (s.transitions().isEmpty() ? ""
                    : " " + s.transitions())).toList()));
            out.printf("  %-26s %-42s %-9s %s%n", "attribute", "type", "mandatory", "label");
            for (AttributeDef att : model.attributes(cls.name()).values()) {
                out.printf("  %-26s %-42s %-9s %s%n", att.code(), describe(att), att.mandatory() ? "yes" : "",
                        att.label());
            }
            out.println();
        }
    }

    private static String describe(AttributeDef att) {
        return switch (att.type()) {
            case STRING -> "string(" + att.maxLength() + ")";
            case ENUM -> "enum " + String.join("|", att.values());
            case EXTERNAL_KEY -> "extkey -> " + att.targetClass() + (att.hierarchical() ? " (hierarchical)" : "")
                    + " on delete " + att.onTargetDelete().name().toLowerCase();
            case EXTERNAL_FIELD -> "extfield " + att.keyAttribute() + "->" + att.remoteAttribute();
            case LINK_SET -> "linkset of " + att.targetClass();
            case LINK_SET_INDIRECT -> "linkset of " + att.targetClass() + " (to " + att.remoteAttribute() + ")";
            default -> att.type().yamlName() + (att.readOnly() ? " (read-only)" : "");
        };
    }
}
