package org.agora.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * CommentView's hand-written equals and hashCode (the key of kept comment markup, see CommentList) must cover every
 * component: a component left out would serve one viewer's or one version's markup for another.
 */
class CommentViewTest {

    @Test
    void everyComponentTakesPartInEqualsAndHashCode() throws Exception {
        RecordComponent[] components = CommentView.class.getRecordComponents();
        Object[] base = values(components, false);
        CommentView view = construct(components, base);
        assertThat(view).isEqualTo(construct(components, values(components, false)));
        assertThat(view.hashCode()).isEqualTo(construct(components, values(components, false)).hashCode());
        for (int i = 0; i < components.length; i++) {
            Object[] changed = base.clone();
            changed[i] = values(components, true)[i];
            CommentView other = construct(components, changed);
            assertThat(other).as(components[i].getName() + " in equals").isNotEqualTo(view);
            assertThat(other.hashCode()).as(components[i].getName() + " in hashCode").isNotEqualTo(view.hashCode());
        }
        assertThat(view).isNotEqualTo(null).isNotEqualTo("a string");
    }

    private static Object[] values(RecordComponent[] components, boolean other) {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> type = components[i].getType();
            String name = components[i].getName();
            if (type == long.class) {
                values[i] = other ? 8L : 7L;
            } else if (type == Long.class) {
                values[i] = other ? Long.valueOf(3) : null;
            } else if (type == int.class) {
                values[i] = other ? 5 : 2;
            } else if (type == boolean.class) {
                values[i] = other;
            } else if (type == String.class) {
                values[i] = other ? name + " changed" : name;
            } else if (type == Instant.class) {
                values[i] = Instant.ofEpochSecond(other ? 2_000_000 : 1_000_000);
            } else {
                throw new AssertionError("no test values for " + type + " " + name);
            }
        }
        return values;
    }

    private static CommentView construct(RecordComponent[] components, Object[] values) throws Exception {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        return CommentView.class.getDeclaredConstructor(types).newInstance(values);
    }
}
