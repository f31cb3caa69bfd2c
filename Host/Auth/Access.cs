namespace WasGo.Host.Auth;

/// <summary>What a request's token allows.</summary>
internal enum Access
{
    /// <summary>No token, or one this host does not know: 401.</summary>
    Unauthenticated,

    /// <summary>A known token that does not cover this request: 403.</summary>
    Forbidden,

    /// <summary>Allowed.</summary>
    Granted,
}
