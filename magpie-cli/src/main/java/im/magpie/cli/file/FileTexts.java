package im.magpie.cli.file;

import im.magpie.cli.CliContext;
import im.magpie.client.files.FileOffer;
import im.magpie.client.files.FileState;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The texts of the file and discovery commands, in English and Simplified Chinese (bundle
 * {@code im/magpie/cli/files*.properties}, in the language of the command's other texts), and the
 * JSON shape of a file.
 */
public final class FileTexts {
    private static final String BUNDLE = "im.magpie.cli.files";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final ResourceBundle bundle;
    private final Locale locale;

    private FileTexts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, FileTexts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static FileTexts of(CliContext ctx) {
        return of(ctx.messages().locale());
    }

    public static FileTexts of(Locale locale) {
        return new FileTexts(locale);
    }

    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** "1.5 MiB", "300 KiB", "12 B". */
    public static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    public static String time(Instant t) {
        return TIME.format(t);
    }

    /** A file's state as this user sees it. */
    public String state(FileOffer f, boolean mine) {
        if (f.state() == FileState.UPLOADING) return get("file.state.uploading", size(f.uploadedBytes()));
        if (f.state() == FileState.EXPIRED) return get("file.state.expired");
        if (mine) return get("file.state.ready");
        if (f.accepted()) return get("file.state.accepted");
        if (f.declined()) return get("file.state.declined");
        return get("file.state.offered");
    }

    /** The JSON of a file (ids as numbers, times as epoch ms, the thumbnail's size, not its bytes). */
    public static Map<String, Object> json(FileOffer f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fileId", f.fileId());
        json.put("sender", f.senderId());
        json.put("to", f.to().toString());
        json.put("name", f.name());
        json.put("size", f.size());
        json.put("mimeType", f.mimeType());
        json.put("sha256", f.sha256());
        json.put("state", f.state().name().toLowerCase(Locale.ROOT));
        json.put("uploadedBytes", f.uploadedBytes());
        json.put("image", f.isImage());
        json.put("thumbnailBytes", f.thumbnail().length);
        json.put("createdMs", f.createdAt().toEpochMilli());
        json.put("expiresMs", f.expiresAt().toEpochMilli());
        json.put("accepted", f.accepted());
        json.put("declined", f.declined());
        return json;
    }
}
