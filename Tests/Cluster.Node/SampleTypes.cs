using WasGo.Persistence;

namespace WasGo.Cluster.Node;

/// <summary>The sample entity types and the serializer that carries their messages between nodes.</summary>
public static class SampleTypes
{
    /// <summary>The durable account type's name.</summary>
    public const string Account = "account";

    /// <summary>The in-memory echo type's name.</summary>
    public const string Echo = "echo";

    /// <summary>Makes a serializer with every sample message registered.</summary>
    public static PersistenceSerializer Serializer() => new PersistenceSerializer()
        .RegisterJson<Deposit>("sample.deposit")
        .RegisterJson<Deposited>("sample.deposited")
        .RegisterJson<AccountState>("sample.account-state")
        .RegisterJson<Echo>("sample.echo");
}
