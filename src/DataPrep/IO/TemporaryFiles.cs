namespace DataPrep.IO;

/// <summary>
/// The one naming rule for files being written: <c>.NAME.PID.GUID.tmp</c> beside the final <c>NAME</c>. The
/// leading dot hides it from globs, folder listings and every reader of an output folder; the suffix lets a
/// later run recognise and remove what a killed process left behind.
/// </summary>
internal static class TemporaryFiles
{
    private const string Suffix = ".tmp";

    /// <summary>A fresh temporary path in the folder of <paramref name="finalPath"/>, unique to this process and call.</summary>
    public static string PathFor(string finalPath)
    {
        var folder = Path.GetDirectoryName(finalPath) ?? ".";
        return Path.Combine(folder, $".{Path.GetFileName(finalPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}{Suffix}");
    }

    /// <summary>True when <paramref name="fileName"/> (a name, not a path) is a temporary file of this naming rule.</summary>
    public static bool IsTemporary(ReadOnlySpan<char> fileName) =>
        fileName.Length > 1 && fileName[0] == '.' && fileName.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>True for any hidden file (a name starting with a dot): never input, never a result.</summary>
    public static bool IsHidden(ReadOnlySpan<char> fileName) => fileName.Length > 0 && fileName[0] == '.';

    /// <summary>The final file name a temporary name stands for (<c>.a.json.123.abc.tmp</c> → <c>a.json</c>), or null
    /// when <paramref name="fileName"/> is not a temporary name.</summary>
    public static string? FinalNameOf(string fileName)
    {
        if (!IsTemporary(fileName))
        {
            return null;
        }
        // Strip ".tmp", then the guid and the pid (two dot-separated fields); what remains after the dot is the name.
        var rest = fileName[1..^Suffix.Length];
        for (var field = 0; field < 2; field++)
        {
            var dot = rest.LastIndexOf('.');
            if (dot <= 0)
            {
                return null;
            }
            rest = rest[..dot];
        }
        return rest;
    }

    /// <summary>
    /// Deletes the temporary files under <paramref name="folder"/> (recursively) whose final name and folder
    /// <paramref name="owned"/> accepts (all when null), except the full paths in <paramref name="keep"/> (what a checkpoint
    /// of a killed run refers to); returns how many were removed. Files that vanish or cannot be deleted meanwhile are
    /// skipped: a leftover hidden file is never mistaken for output.
    /// </summary>
    public static int Sweep(string folder, Func<string, string, bool>? owned = null, IReadOnlySet<string>? keep = null)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(folder, ".*" + Suffix, SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            var final = FinalNameOf(name);
            if (final is null || (owned is not null && !owned(Path.GetDirectoryName(path)!, final)) || keep?.Contains(path) == true)
            {
                continue;
            }
            try
            {
                File.Delete(path);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process may be removing it too; it stays hidden either way.
            }
        }
        return removed;
    }
}
