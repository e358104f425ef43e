using BackOffice.Data.Domain.Applications;

namespace BackOffice.Data.Domain.StandardNotes;

/// <summary>
/// A note the office writes again and again when it records an event ("Approved by the employer", "Checked against the
/// Population Information System"), kept in English, Swedish and Finnish so every reader reads it in their language.
/// Chosen on the record-event page for its action; a retired note is no longer offered but old history still reads it.
/// </summary>
public class StandardNote
{
    private StandardNote() { }

    public StandardNote(IssuanceAction action, string? en, string? sv, string? fi)
    {
        Id = Guid.NewGuid();
        Action = action;
        Edit(en, sv, fi);
    }

    public Guid Id { get; private set; }
    public IssuanceAction Action { get; private set; }
    public string Text { get; private set; } = "";
    public string? TextSv { get; private set; }
    public string? TextFi { get; private set; }
    public bool Retired { get; private set; }
    public LocalizedText Texts => LocalizedText.Stored(Text, TextSv, TextFi);

    public void Edit(string? en, string? sv, string? fi)
    {
        var texts = LocalizedText.Of(en, sv, fi, 500, ErrorCodes.NoteTextRequired, ErrorCodes.NoteTextTooLong);
        (Text, TextSv, TextFi) = (texts.En, texts.Sv, texts.Fi);
    }

    public void Retire() => Retired = true;
    public void Reinstate() => Retired = false;
}
