package io.decisioning.service.rulepack;

import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.system.InvalidInputException.FieldProblem;
import io.decisioning.service.system.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A version's files as a zip (DESIGN.md section 14), so that analysts keep packs in git and carry them between a
 * test and a production service: written with the files at the top, in name order, each dated 1 January 2000, so
 * that the same files always give the same bytes; read back with the files at the top or in one folder (a pack's
 * folder zipped whole). Every entry is read at most to the limits, so that a small zip that unpacks to gigabytes is
 * refused, not unpacked; a problem names the entry.
 */
final class PackZip {

    /** The most bytes one file of a zip may unpack to. */
    static final int MAX_FILE_BYTES = (int) RulePackService.MAX_FILE_BYTES;
    /** The most bytes the files of a zip may unpack to together. */
    static final int MAX_TOTAL_BYTES = 5 * 1024 * 1024;

    private static final FileTime STABLE_TIME = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));

    private PackZip() {
    }

    static byte[] write(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setLastModifiedTime(STABLE_TIME);
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The files of a zip by name. 400 naming the entry for a path outside the pack (a folder within it, {@code ..},
     * an absolute path), a name twice, a file larger than {@link #MAX_FILE_BYTES} or the files together larger than
     * {@link #MAX_TOTAL_BYTES}; 400 naming the body for bytes that are not a zip or a zip without files. The names'
     * kinds are checked as any draft's.
     */
    static Map<String, byte[]> read(byte[] zip) {
        List<Entry> entries = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String path = entry.getName().replace('\\', '/');
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] content = readAtMost(in, MAX_FILE_BYTES + 1);
                if (content.length > MAX_FILE_BYTES) {
                    problems.add(new FieldProblem(path, new Sentence("unpacks to more than " + MAX_FILE_BYTES / 1024 + " KiB",
                            "解压后超过 " + MAX_FILE_BYTES / 1024 + " KiB")));
                    continue;
                }
                total += content.length;
                if (total > MAX_TOTAL_BYTES) {
                    problems.add(new FieldProblem(path, new Sentence("makes the files more than "
                            + MAX_TOTAL_BYTES / 1024 / 1024 + " MiB together",
                            "使文件合计超过 " + MAX_TOTAL_BYTES / 1024 / 1024 + " MiB")));
                    break;
                }
                entries.add(new Entry(path, content));
            }
        } catch (ZipException e) {
            throw new InvalidInputException("body", new Sentence("is not a readable zip: " + e.getMessage(),
                    "不是可读取的 zip：" + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (entries.isEmpty() && problems.isEmpty()) {
            throw new InvalidInputException("body", new Sentence("is not a zip of a pack's files (no file found in it)",
                    "不是规则包文件的 zip（其中没有文件）"));
        }
        String folder = commonFolder(entries);
        Map<String, byte[]> files = new TreeMap<>();
        for (Entry entry : entries) {
            String name = entry.path().substring(folder.length());
            if (entry.path().startsWith("/") || name.contains("/") || name.equals("..") || name.startsWith("../")
                    || name.isEmpty()) {
                problems.add(new FieldProblem(entry.path(), new Sentence("is outside the pack: a pack's files lie side by side, "
                        + "at the top of the zip or in one folder", "位于规则包之外：规则包的文件须并列放在 zip 的顶层或同一个文件夹中")));
            } else if (files.put(name, entry.content()) != null) {
                problems.add(new FieldProblem(entry.path(), new Sentence("is in the zip twice", "在 zip 中出现了两次")));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return files;
    }

    /** The one folder every entry lies in ("grading/"), or "" when they do not all lie in one. */
    private static String commonFolder(List<Entry> entries) {
        String first = entries.isEmpty() ? "" : entries.get(0).path();
        int slash = first.indexOf('/');
        if (slash <= 0) {
            return "";
        }
        String folder = first.substring(0, slash + 1);
        boolean all = !folder.equals("../") && entries.stream().allMatch(entry -> entry.path().startsWith(folder));
        return all ? folder : "";
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while (out.size() < limit && (read = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) > 0) {
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private record Entry(String path, byte[] content) {
    }
}
