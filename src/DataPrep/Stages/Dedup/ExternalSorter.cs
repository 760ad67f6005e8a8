using System.Runtime.InteropServices;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// Sorts fixed-size records within a memory budget: records are buffered until the budget is used,
/// then each full buffer is sorted and spilled to a run file; <see cref="Sorted"/> merges the runs
/// (k-way, with a priority queue). Below the budget nothing touches the disk.
/// </summary>
internal sealed class ExternalSorter<T> : IDisposable where T : unmanaged, IComparable<T>
{
    private readonly string _spillFolder;
    private readonly int _capacity;
    private readonly List<string> _runs = [];
    private T[] _buffer;
    private int _count;

    public ExternalSorter(string spillFolder, long memoryBudgetBytes)
    {
        _spillFolder = spillFolder;
        var size = Marshal.SizeOf<T>();
        // The buffer grows by doubling; while it grows the old and new arrays coexist (at most 1.5 x the
        // final size), so the final size is two thirds of the budget.
        _capacity = (int)Math.Clamp(memoryBudgetBytes / size * 2 / 3, 1024, Array.MaxLength);
        _buffer = new T[Math.Min(_capacity, 1 << 16)];
    }

    /// <summary>Records added so far.</summary>
    public long Count { get; private set; }

    /// <summary>Number of sorted runs written to disk (0 when everything fit in the budget).</summary>
    public int SpilledRuns => _runs.Count;

    public void Add(in T record)
    {
        if (_count == _buffer.Length)
        {
            if (_buffer.Length < _capacity)
            {
                Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _capacity));
            }
            else
            {
                Spill();
            }
        }
        _buffer[_count++] = record;
        Count++;
    }

    /// <summary>All records in ascending order. Call once, after the last <see cref="Add"/>.</summary>
    public IEnumerable<T> Sorted()
    {
        if (_runs.Count == 0)
        {
            Array.Sort(_buffer, 0, _count);
            for (var i = 0; i < _count; i++)
            {
                yield return _buffer[i];
            }
            yield break;
        }
        if (_count > 0)
        {
            Spill();
        }
        _buffer = [];
        var readers = new RunReader[_runs.Count];
        try
        {
            var queue = new PriorityQueue<int, T>(_runs.Count);
            for (var i = 0; i < _runs.Count; i++)
            {
                readers[i] = new RunReader(_runs[i]);
                if (readers[i].TryRead(out var first))
                {
                    queue.Enqueue(i, first);
                }
            }
            while (queue.TryDequeue(out var run, out var record))
            {
                yield return record;
                if (readers[run].TryRead(out var next))
                {
                    queue.Enqueue(run, next);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader?.Dispose();
            }
        }
    }

    private void Spill()
    {
        Array.Sort(_buffer, 0, _count);
        Directory.CreateDirectory(_spillFolder);
        string path;
        using (var stream = WorkFiles.CreateScratch(_spillFolder, "run"))
        {
            path = stream.Name;
            RecordFile.WriteAll<T>(stream, _buffer.AsSpan(0, _count));
        }
        _runs.Add(path);
        _count = 0;
    }

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            File.Delete(run);
        }
        _runs.Clear();
    }

    private sealed class RunReader : IDisposable
    {
        private readonly FileStream _stream;
        private readonly T[] _block = new T[4096];
        private int _position;
        private int _length;

        public RunReader(string path) => _stream = WorkFiles.OpenRead(path);

        public bool TryRead(out T record)
        {
            if (_position == _length)
            {
                _length = RecordFile.ReadBlock(_stream, _block);
                _position = 0;
                if (_length == 0)
                {
                    record = default;
                    return false;
                }
            }
            record = _block[_position++];
            return true;
        }

        public void Dispose() => _stream.Dispose();
    }
}
