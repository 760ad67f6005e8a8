namespace DataPrep.Stages.Dedup;

/// <summary>Disjoint sets over 64-bit document keys (path halving, union by size).</summary>
internal sealed class UnionFind
{
    private readonly Dictionary<long, int> _index = [];
    private readonly List<long> _keys = [];
    private readonly List<int> _parent = [];
    private readonly List<int> _size = [];

    public int Count => _keys.Count;

    public IReadOnlyList<long> Keys => _keys;

    public int IndexOf(long key)
    {
        if (!_index.TryGetValue(key, out var i))
        {
            i = _keys.Count;
            _index.Add(key, i);
            _keys.Add(key);
            _parent.Add(i);
            _size.Add(1);
        }
        return i;
    }

    public void Union(long a, long b)
    {
        var ra = Find(IndexOf(a));
        var rb = Find(IndexOf(b));
        if (ra == rb)
        {
            return;
        }
        if (_size[ra] < _size[rb])
        {
            (ra, rb) = (rb, ra);
        }
        _parent[rb] = ra;
        _size[ra] += _size[rb];
    }

    public int Find(int i)
    {
        while (_parent[i] != i)
        {
            _parent[i] = _parent[_parent[i]];
            i = _parent[i];
        }
        return i;
    }
}
