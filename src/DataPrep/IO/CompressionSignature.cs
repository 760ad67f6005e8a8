using DataPrep.Pipeline;

namespace DataPrep.IO;

/// <summary>
/// Checks that a file named <c>.gz</c> or <c>.zst</c> starts with that format's magic bytes, so a plain file with a
/// compressed name is reported as what it is (<c>input.not_gzip</c>, <c>input.not_zstd</c>) instead of as a truncated
/// archive whose records silently count as one.
/// </summary>
internal static class CompressionSignature
{
    private static ReadOnlySpan<byte> Gzip => [0x1F, 0x8B];

    private static ReadOnlySpan<byte> Zstd => [0x28, 0xB5, 0x2F, 0xFD];

    /// <summary>
    /// Returns the rejection for <paramref name="path"/> when its name promises a compression its first bytes do not
    /// have, with a detail naming the bytes found; null when it matches, is not compressed by name, is empty (an empty
    /// file is reported as such by its reader) or cannot be opened (its reader reports that).
    /// </summary>
    public static RejectionReason? Mismatch(string path, out string detail)
    {
        detail = "";
        RejectionReason reason;
        ReadOnlySpan<byte> magic;
        string format;
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            reason = InputReasons.NotGzip;
            magic = Gzip;
            format = "gzip";
        }
        else if (path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".zstd", StringComparison.OrdinalIgnoreCase))
        {
            reason = InputReasons.NotZstd;
            magic = Zstd;
            format = "zstd";
        }
        else
        {
            return null;
        }
        Span<byte> head = stackalloc byte[4];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (read == 0 || (read >= magic.Length && head[..magic.Length].SequenceEqual(magic)))
        {
            return null;
        }
        detail = $"named {format} but starts with bytes {Convert.ToHexString(head[..read])}, not {Convert.ToHexString(magic)}: " +
            $"decompress-and-rename or compress it ({CountLines(path)} lines not read)";
        return reason;
    }

    // How much the user is missing, without decoding a byte of it: the file's newline count.
    private static long CountLines(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        var last = (byte)'\n';
        while ((read = file.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }
        return last == '\n' ? lines : lines + 1;
    }
}
