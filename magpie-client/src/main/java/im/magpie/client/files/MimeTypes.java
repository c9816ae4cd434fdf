package im.magpie.client.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The media type a file is offered with: what the platform says, else by its extension. */
public final class MimeTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("bmp", "image/bmp"), Map.entry("webp", "image/webp"),
            Map.entry("txt", "text/plain"), Map.entry("md", "text/markdown"), Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"), Map.entry("json", "application/json"));

    private MimeTypes() {}

    public static String of(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String byExtension = dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (byExtension != null) return byExtension;
        try {
            String probed = Files.probeContentType(file);
            if (probed != null && probed.length() <= 127) return probed;
        } catch (IOException e) {
            // fall through
        }
        return "application/octet-stream";
    }
}
