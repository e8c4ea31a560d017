package org.advocacyalerts.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class BytesTableTest {

    @Test
    void findsWhatWasAddedAndNothingElse() {
        BytesTable table = new BytesTable();
        for (int i = 0; i < 100_000; i++) {
            table.add(new BytesRef("wörd-" + i), new BytesRef("stem-" + i));
        }
        table.add(new BytesRef("wörd-7"), new BytesRef("a second value is not taken"));
        table.add(new BytesRef(""), new BytesRef("the empty key"));

        BytesRef found = new BytesRef();
        for (int i = 0; i < 100_000; i++) {
            assertThat(table.find(new BytesRef("wörd-" + i), found)).isTrue();
            assertThat(found.utf8ToString()).isEqualTo("stem-" + i);
        }
        assertThat(table.find(new BytesRef(""), found)).isTrue();
        assertThat(found.utf8ToString()).isEqualTo("the empty key");
        assertThat(table.find(new BytesRef("wörd-100000"), found)).isFalse();
        assertThat(table.find(new BytesRef("wörd-1x"), found)).isFalse();
        assertThat(table.size()).isEqualTo(100_001);
        // A key inside a larger array (offset and length) is found by its bytes alone.
        byte[] padded = "..wörd-42..".getBytes(StandardCharsets.UTF_8);
        assertThat(table.find(new BytesRef(padded, 2, padded.length - 4), found))
                .isTrue();
        assertThat(found.utf8ToString()).isEqualTo("stem-42");
        assertThatThrownBy(() -> table.add(new BytesRef(new byte[70_000]), new BytesRef("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Readers never take a lock: every entry announced after it was added is found, with its value, while the table grows. */
    @Test
    void readersSeeEveryEntryAddedBeforeThemWhileTheTableGrows() throws Exception {
        BytesTable table = new BytesTable();
        AtomicInteger added = new AtomicInteger();
        AtomicReference<String> wrong = new AtomicReference<>();
        int total = 200_000;
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                BytesRef found = new BytesRef();
                Random random = new Random();
                while (added.get() < total && wrong.get() == null) {
                    int known = added.get();
                    if (known == 0) {
                        continue;
                    }
                    int i = random.nextInt(known);
                    if (!table.find(new BytesRef("k" + i), found)
                            || !found.utf8ToString().equals("v" + i)) {
                        wrong.set("k" + i + " after " + known + " were added");
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        for (int i = 0; i < total; i++) {
            table.add(new BytesRef("k" + i), new BytesRef("v" + i));
            added.set(i + 1);
        }
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(wrong.get()).isNull();
    }
}
