using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace DataPrep.Tests.Architecture;

/// <summary>
/// Which namespace of an assembly uses which, read from its compiled metadata: base types, interfaces, field and method
/// signatures, custom attributes, and every type, method and field token in method bodies. Each edge keeps the names of
/// the types that make it, so a failing test can say where a dependency comes from. Compiler-generated types
/// (closures, state machines) count for the namespace of the type that declares them.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph()
    {
    }

    /// <summary>The namespaces that declare at least one type.</summary>
    public SortedSet<string> Namespaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Namespaces <paramref name="from"/> uses (never itself).</summary>
    public IEnumerable<string> Uses(string from) => _edges.TryGetValue(from, out var to) ? to.Keys : [];

    /// <summary>The type pairs (<c>User -> Used</c>) behind the edge from one namespace to another.</summary>
    public IReadOnlyCollection<string> Why(string from, string to) =>
        _edges.TryGetValue(from, out var targets) && targets.TryGetValue(to, out var why) ? why : [];

    /// <summary>Reads the graph of the assembly at <paramref name="path"/>, keeping namespaces under <paramref name="root"/>.</summary>
    public static NamespaceGraph Read(string path, string root)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var graph = new NamespaceGraph();
        var collector = new TypeCollector(reader);
        foreach (var handle in reader.TypeDefinitions)
        {
            var (ns, name) = Owner(reader, handle);
            if (!ns.StartsWith(root, StringComparison.Ordinal))
            {
                continue;
            }
            graph.Namespaces.Add(ns);
            var used = new HashSet<TypeDefinitionHandle>();
            collector.Target = used;
            var type = reader.GetTypeDefinition(handle);
            collector.AddType(type.BaseType);
            foreach (var i in type.GetInterfaceImplementations())
            {
                collector.AddType(reader.GetInterfaceImplementation(i).Interface);
            }
            collector.AddAttributes(type.GetCustomAttributes());
            foreach (var f in type.GetFields())
            {
                var field = reader.GetFieldDefinition(f);
                field.DecodeSignature(collector, null);
                collector.AddAttributes(field.GetCustomAttributes());
            }
            foreach (var p in type.GetProperties())
            {
                collector.AddAttributes(reader.GetPropertyDefinition(p).GetCustomAttributes());
            }
            foreach (var m in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(m);
                method.DecodeSignature(collector, null);
                collector.AddAttributes(method.GetCustomAttributes());
                if (method.RelativeVirtualAddress != 0)
                {
                    collector.AddBody(pe.GetMethodBody(method.RelativeVirtualAddress));
                }
            }
            foreach (var target in used)
            {
                var (targetNs, targetName) = Owner(reader, target);
                if (targetNs == ns || !targetNs.StartsWith(root, StringComparison.Ordinal))
                {
                    continue;
                }
                if (!graph._edges.TryGetValue(ns, out var targets))
                {
                    graph._edges[ns] = targets = new(StringComparer.Ordinal);
                }
                if (!targets.TryGetValue(targetNs, out var why))
                {
                    targets[targetNs] = why = new(StringComparer.Ordinal);
                }
                why.Add($"{name} -> {targetName}");
            }
        }
        return graph;
    }

    /// <summary>Namespace and name of a type, nested types named after (and counted in the namespace of) the outermost type.</summary>
    private static (string Namespace, string Name) Owner(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        while (type.IsNested)
        {
            type = reader.GetTypeDefinition(type.GetDeclaringType());
        }
        return (reader.GetString(type.Namespace), reader.GetString(type.Name));
    }

    /// <summary>Collects the type definitions a signature, attribute or method body mentions.</summary>
    private sealed class TypeCollector(MetadataReader reader) : ISignatureTypeProvider<object?, object?>
    {
        private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields()
            .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

        public HashSet<TypeDefinitionHandle> Target { get; set; } = [];

        public void AddType(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    Target.Add((TypeDefinitionHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
            }
        }

        public void AddAttributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var a in attributes)
            {
                AddMember(reader.GetCustomAttribute(a).Constructor);
            }
        }

        public void AddMember(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                case HandleKind.TypeSpecification:
                    AddType(handle);
                    break;
                case HandleKind.MethodDefinition:
                    var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    Target.Add(method.GetDeclaringType());
                    break;
                case HandleKind.FieldDefinition:
                    Target.Add(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    AddMember(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }
                    break;
                case HandleKind.MethodSpecification:
                    var spec = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    AddMember(spec.Method);
                    spec.DecodeSignature(this, null);
                    break;
            }
        }

        public void AddBody(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            }
            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = unchecked((short)(0xFE00 | il.ReadByte()));
                }
                switch (Operands[code])
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineSwitch:
                        var targets = il.ReadInt32(); // read first: `Offset +=` would take Offset before the read
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineMethod:
                    case OperandType.InlineField:
                    case OperandType.InlineType:
                    case OperandType.InlineTok:
                        var token = il.ReadInt32();
                        var handle = MetadataTokens.EntityHandle(token);
                        AddMember(handle);
                        break;
                    default:
                        il.Offset += 4;
                        break;
                }
            }
        }

        public object? GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            Target.Add(handle);
            return null;
        }

        public object? GetTypeFromSpecification(MetadataReader r, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            r.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
            return null;
        }

        public object? GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => null;
        public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;
        public object? GetSZArrayType(object? elementType) => null;
        public object? GetArrayType(object? elementType, ArrayShape shape) => null;
        public object? GetByReferenceType(object? elementType) => null;
        public object? GetPointerType(object? elementType) => null;
        public object? GetPinnedType(object? elementType) => null;
        public object? GetGenericInstantiation(object? genericType, ImmutableArray<object?> typeArguments) => null;
        public object? GetGenericMethodParameter(object? genericContext, int index) => null;
        public object? GetGenericTypeParameter(object? genericContext, int index) => null;
        public object? GetModifiedType(object? modifier, object? unmodifiedType, bool isRequired) => null;
        public object? GetFunctionPointerType(MethodSignature<object?> signature) => null;
    }
}
