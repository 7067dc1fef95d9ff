package org.agora.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/ is checked without a cluster and without the kustomize binary:
 * <ul>
 *   <li>each overlay is rendered here the way kustomize would for what we use (the base's resources, the overlay's
 *       own resources, JSON 6902 patches on a kind + name target, the namespace and the image tag), and a patch
 *       that targets nothing, or a path that does not exist, fails;</li>
 *   <li>every rendered object is parsed with the fabric8 Kubernetes model, strictly: a field the model does not know
 *       (a typo, a wrong indentation) fails. The operators' resources (CloudNativePG Cluster and ScheduledBackup,
 *       Keycloak and KeycloakRealmImport) have no fabric8 model: they are read as GenericKubernetesResource and
 *       checked against {@link #CRD_SPEC_FIELDS}, a small hand-written list of the spec fields we use;</li>
 *   <li>then the invariants: probes, resources, pinned images, no inlined secrets, non-root, read-only root
 *       filesystem, no sticky routing, and production's database and realm.</li>
 * </ul>
 */
class KubernetesManifestsTest {

    private static final Path K8S = DeployFiles.repo().resolve("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|TOKEN|_KEY)$");
    private static final String DEMO_CLIENT_SECRET = "agora-demo-secret-change-me";

    /** apiVersion/kind -> the spec fields we use (allowed) ; required ones are marked with a leading '!'. */
    private static final Map<String, Set<String>> CRD_SPEC_FIELDS = Map.of(
            "postgresql.cnpg.io/v1/Cluster",
            Set.of("!instances", "imageName", "!bootstrap", "!storage", "resources", "backup", "affinity"),
            "postgresql.cnpg.io/v1/ScheduledBackup",
            Set.of("!schedule", "!cluster", "backupOwnerReference"),
            "k8s.keycloak.org/v2alpha1/Keycloak",
            Set.of("!instances", "image", "!db", "http", "!hostname", "proxy", "ingress", "resources"),
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport",
            Set.of("!keycloakCRName", "!realm", "placeholders"));

    // ---------------------------------------------------------------- rendering

    record Rendered(String overlay, List<JsonNode> trees, List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type, String name) {
            return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
        }

        GenericKubernetesResource custom(String kind, String name) {
            return all(GenericKubernetesResource.class).stream()
                    .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
        }
    }

    static Rendered render(String overlay) {
        Path dir = K8S.resolve(overlay);
        List<JsonNode> trees = build(dir);
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode tree : trees) {
            objects.add(parseStrictly(overlay, tree));
        }
        return new Rendered(overlay, trees, objects);
    }

    /** kustomize build, for the features we use. */
    private static List<JsonNode> build(Path dir) {
        JsonNode kustomization = readYaml(dir.resolve("kustomization.yaml")).get(0);
        List<JsonNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            assertThat(path).as(dir + ": resource " + entry.asText()).exists();
            resources.addAll(Files.isDirectory(path) ? build(path) : readYaml(path));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            Path path = dir.resolve(patch.path("path").asText());
            assertThat(path).as(dir + ": patch file").isRegularFile();
            String kind = patch.path("target").path("kind").asText();
            String name = patch.path("target").path("name").asText();
            List<JsonNode> targets = resources.stream()
                    .filter(r -> r.path("kind").asText().equals(kind) && r.path("metadata").path("name").asText().equals(name))
                    .toList();
            assertThat(targets).as(dir + ": patch " + path.getFileName() + " targets " + kind + " " + name).hasSize(1);
            applyJsonPatch(targets.get(0), readYaml(path).get(0), path);
        }
        String namespace = kustomization.path("namespace").asText(null);
        for (JsonNode resource : resources) {
            if (namespace != null) {
                ((ObjectNode) resource.path("metadata")).put("namespace", namespace);
            }
            for (JsonNode label : kustomization.path("labels")) {
                ObjectNode labels = ((ObjectNode) resource.path("metadata")).with("labels");
                label.path("pairs").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
            }
            for (JsonNode image : kustomization.path("images")) {
                retag(resource, image.path("name").asText(), image.path("newTag").asText());
            }
        }
        return resources;
    }

    /** RFC 6902 add / replace / remove, enough for our overlays; a path that does not exist fails. */
    private static void applyJsonPatch(JsonNode target, JsonNode operations, Path file) {
        assertThat(operations.isArray()).as(file + " is a JSON 6902 patch (a list of operations)").isTrue();
        for (JsonNode op : operations) {
            String path = op.path("path").asText();
            int cut = path.lastIndexOf('/');
            JsonNode parent = target.at(path.substring(0, cut));
            String last = path.substring(cut + 1).replace("~1", "/").replace("~0", "~");
            assertThat(parent.isMissingNode()).as(file + ": " + path + " has no parent in the target").isFalse();
            switch (op.path("op").asText()) {
                case "add", "replace" -> {
                    if (op.path("op").asText().equals("replace")) {
                        assertThat(target.at(path).isMissingNode()).as(file + ": replace of a missing " + path).isFalse();
                    }
                    if (parent.isArray()) {
                        ((ArrayNode) parent).set(Integer.parseInt(last), op.get("value"));
                    } else {
                        ((ObjectNode) parent).set(last, op.get("value"));
                    }
                }
                case "remove" -> {
                    assertThat(target.at(path).isMissingNode()).as(file + ": remove of a missing " + path).isFalse();
                    if (parent.isArray()) {
                        ((ArrayNode) parent).remove(Integer.parseInt(last));
                    } else {
                        ((ObjectNode) parent).remove(last);
                    }
                }
                default -> throw new AssertionError(file + ": unsupported op " + op.path("op").asText());
            }
        }
    }

    private static void retag(JsonNode node, String name, String tag) {
        if (node.isObject()) {
            JsonNode image = node.get("image");
            if (image != null && image.isTextual() && image.asText().startsWith(name + ":")) {
                ((ObjectNode) node).put("image", name + ":" + tag);
            }
            node.forEach(child -> retag(child, name, tag));
        } else if (node.isArray()) {
            node.forEach(child -> retag(child, name, tag));
        }
    }

    private static List<JsonNode> readYaml(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    // ---------------------------------------------------------------- strict parsing

    private static HasMetadata parseStrictly(String where, JsonNode tree) {
        String id = where + ": " + tree.path("kind").asText() + " " + tree.path("metadata").path("name").asText();
        HasMetadata object = FABRIC8.unmarshal(tree.toString());
        assertThat(object.getMetadata().getName()).as(id + " has a name").isNotBlank();
        if (object instanceof GenericKubernetesResource custom) {
            Set<String> fields = CRD_SPEC_FIELDS.get(custom.getApiVersion() + "/" + custom.getKind());
            assertThat(fields).as(id + ": a kind without a fabric8 model or a schema here").isNotNull();
            assertThat(custom.getAdditionalProperties().keySet()).as(id + " top-level fields")
                    .isSubsetOf("spec");
            JsonNode spec = tree.path("spec");
            spec.fieldNames().forEachRemaining(field -> assertThat(fields.contains(field) || fields.contains("!" + field))
                    .as(id + ": unknown spec field '" + field + "'").isTrue());
            fields.stream().filter(f -> f.startsWith("!"))
                    .forEach(f -> assertThat(spec.has(f.substring(1))).as(id + ": spec." + f.substring(1) + " is required").isTrue());
        } else {
            assertNoUnknownFields(id, object, "", new IdentityHashMap<>());
        }
        return object;
    }

    /** fabric8 keeps fields its model does not know in additionalProperties; strict means there are none. */
    private static void assertNoUnknownFields(String id, Object value, String path, IdentityHashMap<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Iterable<?> items) {
            int i = 0;
            for (Object item : items) {
                assertNoUnknownFields(id, item, path + "[" + i++ + "]", seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> assertNoUnknownFields(id, v, path + "." + k, seen));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) child).as(id + ": unknown fields at " + (path.isEmpty() ? "top level" : path)).isNullOrEmpty();
            } else {
                assertNoUnknownFields(id, child, path + "." + getter.getName().substring(3), seen);
            }
        }
    }

    // ---------------------------------------------------------------- invariants

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyManifestParsesStrictlyAndTheAppIsComplete(String overlay) {
        Rendered r = render(overlay);
        assertThat(r.objects().stream().map(HasMetadata::getKind)).contains("Deployment", "Service", "Ingress",
                "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap", "NetworkPolicy", "Job", "Cluster",
                "Keycloak", "KeycloakRealmImport");
        r.one(HorizontalPodAutoscaler.class, "agora");
        r.one(PodDisruptionBudget.class, "agora");
        r.one(NetworkPolicy.class, "agora");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void theAppRunsReplicatedProbedBoundedAndLockedDown(String overlay) {
        Rendered r = render(overlay);
        Deployment app = r.one(Deployment.class, "agora");
        assertThat(app.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(r.one(HorizontalPodAutoscaler.class, "agora").getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        Container container = app.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getStartupProbe()).as("startup probe").isNotNull();
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        // probes use the management port; the Service (and so the Ingress) routes only the app port
        assertThat(List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe()))
                .allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
        assertThat(r.one(Service.class, "agora").getSpec().getPorts())
                .allSatisfy(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        for (Deployment deployment : r.all(Deployment.class)) {
            checkPod(overlay + " Deployment " + deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec());
        }
        for (Job job : r.all(Job.class)) {
            checkPod(overlay + " Job " + job.getMetadata().getName(), job.getSpec().getTemplate().getSpec());
        }
    }

    private static void checkPod(String id, PodSpec pod) {
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(id + " runs as non-root").isTrue();
        for (Container c : pod.getContainers()) {
            assertThat(c.getImage()).as(id + " image").matches(".+:[^/:]+$").doesNotEndWith(":latest");
            assertThat(c.getResources().getRequests()).as(id + " requests").containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(id + " limits").containsKey("memory");
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(id + " read-only root").isTrue();
            for (EnvVar env : c.getEnv()) {
                if (SECRET_NAME.matcher(env.getName()).matches()) {
                    assertThat(env.getValue()).as(id + ": " + env.getName() + " is inlined").isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(id + ": " + env.getName() + " from a Secret").isNotNull();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void configurationUsesOnlyKeysTheAppKnowsAndNoSecrets(String overlay) {
        Rendered r = render(overlay);
        Set<String> known = KnownConfigKeys.environmentVariables();
        ConfigMap config = r.one(ConfigMap.class, "agora-config");
        assertThat(config.getData().keySet()).as("ConfigMap keys the app does not know").isSubsetOf(known);
        assertThat(config.getData().keySet()).noneMatch(k -> SECRET_NAME.matcher(k).matches());
        for (Container c : r.one(Deployment.class, "agora").getSpec().getTemplate().getSpec().getContainers()) {
            assertThat(c.getEnv().stream().map(EnvVar::getName).toList()).isSubsetOf(known);
        }
        assertThat(r.all(Secret.class)).as("no Secret objects with values in git").isEmpty();
        assertThat(r.objects().stream().filter(o -> o.getKind().equals("Secret"))).isEmpty();
        assertThat(r.trees().toString()).doesNotContain("CHANGE_ME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void routingIsStickyFree(String overlay) {
        Rendered r = render(overlay);
        assertThat(r.one(Service.class, "agora").getSpec().getSessionAffinity()).isIn(null, "None");
        Map<String, String> annotations = r.one(Ingress.class, "agora").getMetadata().getAnnotations();
        assertThat(annotations == null ? Set.<String>of() : annotations.keySet()).noneMatch(k -> k.contains("affinity") || k.contains("sticky"));
    }

    @Test
    void productionRunsThreeDatabaseInstancesWithBackupsAndNoDemoRealmData() {
        Rendered prod = render("overlays/prod");
        JsonNode db = tree(prod, "Cluster", "agora-db");
        assertThat(db.at("/spec/instances").asInt()).isEqualTo(3);
        assertThat(db.at("/spec/backup/barmanObjectStore/destinationPath").asText()).startsWith("s3://");
        assertThat(db.at("/spec/backup/retentionPolicy").asText()).isNotBlank();
        assertThat(prod.all(GenericKubernetesResource.class)).anyMatch(o -> o.getKind().equals("ScheduledBackup"));
        JsonNode realm = tree(prod, "KeycloakRealmImport", "agora-realm").at("/spec/realm");
        // no demo users: only the service account that deletes a member's Keycloak user
        List<String> users = new java.util.ArrayList<>();
        realm.path("users").forEach(u -> users.add(u.path("username").asText() + " (service account of "
                + u.path("serviceAccountClientId").asText("none") + ")"));
        assertThat(users).as("users in the prod realm").containsExactly("service-account-agora-user-admin (service account of agora-user-admin)");
        assertThat(realm.at("/users/0/clientRoles/realm-management").toString()).isEqualTo("[\"manage-users\",\"view-users\"]");
        assertThat(realm.at("/clients/0/directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(realm.at("/clients/1/clientId").asText()).isEqualTo("agora-user-admin");
        assertThat(realm.at("/clients/1/secret").asText()).isEqualTo("${AGORA_USER_ADMIN_SECRET}");
        assertThat(prod.trees().toString()).doesNotContain(DEMO_CLIENT_SECRET).doesNotContain("agora-DEMO-user-admin-secret");
        assertThat(prod.objects()).allMatch(o -> "agora".equals(o.getMetadata().getNamespace()));
    }

    @Test
    void theRealmImportIsTheRealmFileTheScriptsAndTestsUse() throws IOException {
        JsonNode file = new ObjectMapper().readTree(DeployFiles.repo().resolve("docker/keycloak/agora-realm.json").toFile());
        JsonNode imported = tree(render("base"), "KeycloakRealmImport", "agora-realm").at("/spec/realm");
        assertThat(imported).as("k8s/base/keycloak-realm-import.yaml is out of date: regenerate it (k8s/README.md)")
                .isEqualTo(file);
    }

    @Test
    void theSecretTemplateHoldsOnlyPlaceholdersForWhatTheAppReads() {
        List<JsonNode> docs = readYaml(K8S.resolve("base/secret.template.yaml"));
        Secret template = (Secret) parseStrictly("secret.template.yaml", docs.get(0));
        assertThat(template.getStringData().values()).containsOnly("CHANGE_ME");
        Set<String> referenced = new java.util.TreeSet<>();
        render("base").one(Deployment.class, "agora").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                        && e.getValueFrom().getSecretKeyRef().getName().equals("agora-secrets"))
                .forEach(e -> referenced.add(e.getValueFrom().getSecretKeyRef().getKey()));
        assertThat(template.getStringData().keySet()).isEqualTo(referenced);
    }

    private static JsonNode tree(Rendered r, String kind, String name) {
        return r.trees().stream().filter(t -> t.path("kind").asText().equals(kind)
                && t.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(r.overlay() + ": no " + kind + " " + name));
    }
}
