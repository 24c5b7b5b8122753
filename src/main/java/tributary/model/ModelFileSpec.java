package tributary.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The YAML shape of a data-model file, as written by users. Validated into {@link ClassDef}s. */
record ModelFileSpec(List<ClassSpec> classes) {

    record ClassSpec(
            String name,
            String label,
            String parent,
            @JsonProperty("abstract") Boolean isAbstract,
            String category,
            List<String> friendlyname,
            List<String> reconciliation,
            List<AttributeSpec> attributes,
            LifecycleSpec lifecycle,
            List<ImpactSpec> impacts,
            String table,
            @JsonProperty("read_only") Boolean readOnly) {
    }

    record AttributeSpec(
            String code,
            String label,
            String type,
            Boolean mandatory,
            @JsonProperty("read_only") Boolean readOnly,
            Boolean unique,
            @JsonProperty("max_length") Integer maxLength,
            List<String> values,
            @JsonProperty("default") String defaultValue,
            String target,
            Boolean hierarchical,
            @JsonProperty("on_target_delete") String onTargetDelete,
            String key,
            String attribute,
            @JsonProperty("link_class") String linkClass,
            @JsonProperty("ext_key_to_me") String extKeyToMe,
            @JsonProperty("ext_key_to_remote") String extKeyToRemote,
            String autonumber,
            Boolean touch,
            Boolean indexed) {
    }

    record LifecycleSpec(String attribute, List<StateSpec> states) {
    }

    record StateSpec(String code, List<String> mandatory, Map<String, String> transitions) {
    }

    record ImpactSpec(String attribute, @JsonProperty("class") String referrerClass, String key) {
    }
}
