namespace WasGo.Scripting;

/// <summary>What <c>_notification(what)</c> tells a script, with Godot's numbering.</summary>
public static class EntityNotification
{
    /// <summary>Godot's NOTIFICATION_PREDELETE: the entity is about to leave its world.</summary>
    public const int Predelete = 1;
}
