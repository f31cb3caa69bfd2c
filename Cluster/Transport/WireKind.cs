namespace WasGo.Cluster;

/// <summary>What a <see cref="WireEnvelope"/> or <see cref="WireReply"/> carries.</summary>
internal enum WireKind : byte
{
    /// <summary>A serialized user message.</summary>
    Message = 0,

    /// <summary>A <see cref="StartEntity"/> request, or its <see cref="StartEntityAck"/>.</summary>
    StartEntity = 1,

    /// <summary>A failure, with a text a person can read.</summary>
    Failure = 2,
}
