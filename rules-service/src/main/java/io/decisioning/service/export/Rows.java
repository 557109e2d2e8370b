package io.decisioning.service.export;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** The rows of a list to export: how many there are, then each of them in the list's order, read as they come. */
public interface Rows<T> {

    long count();

    void forEach(Consumer<? super T> each);

    /** Rows counted by {@code count} and read by {@code read}, which hands each row to the consumer it is given. */
    static <T> Rows<T> of(LongSupplier count, Consumer<Consumer<? super T>> read) {
        return new Rows<>() {
            @Override
            public long count() {
                return count.getAsLong();
            }

            @Override
            public void forEach(Consumer<? super T> each) {
                read.accept(each);
            }
        };
    }
}
