using System.IO.MemoryMappedFiles;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>A work file mapped read-only into memory: the corpus text and the suffix arrays are read in
/// place through the page cache, never copied onto the managed heap.</summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;

    public MappedFile(string path)
    {
        Length = new FileInfo(WorkFiles.Require(path)).Length;
        if (Length == 0)
        {
            return;
        }
        _file = MemoryMappedFile.CreateFromFile(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), null, 0,
            MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        Pointer = pointer + _view.PointerOffset;
    }

    /// <summary>First byte of the file (null when the file is empty).</summary>
    public byte* Pointer { get; }

    /// <summary>Length of the file in bytes.</summary>
    public long Length { get; }

    public void Dispose()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _file?.Dispose();
    }
}
