<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../handover/ui/dialogs.py" line="+290"/>
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Overstapdossiers en begeleiding na school voor scholen voor praktijkonderwijs en voortgezet speciaal onderwijs, samen met Werk en Inkomen van de gemeente.&lt;/p&gt;&lt;p&gt;De gegevens staan versleuteld op deze computer.&lt;br&gt;Gegevensmap: %3&lt;/p&gt;&lt;p&gt;Licentie: EUPL-1.2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Handover files and continued support after school for practical education and special secondary education schools, together with the municipality&apos;s Work and Income.&lt;/p&gt;&lt;p&gt;The data is stored encrypted on this computer.&lt;br&gt;Data folder: %3&lt;/p&gt;&lt;p&gt;Licence: EUPL-1.2&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;p&gt;&lt;b&gt;Vingerafdruk van deze organisatie:&lt;/b&gt;&lt;br&gt;&lt;tt style=&apos;font-size:large&apos;&gt;%1&lt;/tt&gt;&lt;br&gt;Lees deze voor als de andere organisatie uw sleutel telefonisch vergelijkt.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Fingerprint of this organisation:&lt;/b&gt;&lt;br&gt;&lt;tt style=&apos;font-size:large&apos;&gt;%1&lt;/tt&gt;&lt;br&gt;Read it aloud when the other organisation compares your key by phone.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;p&gt;Nog niet verbonden met de server van de gemeente.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Not yet connected to the municipality&apos;s server.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Over deze installatie</source>
        <translation>About this installation</translation>
    </message>
</context>
<context>
    <name>AddDeviceDialog</name>
    <message>
        <location filename="../../handover/ui/devices_join.py" line="+57"/>
        <source>Pc toevoegen</source>
        <translation>Add a PC</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Eenmalige code voor de nieuwe pc</source>
        <translation>One-time code for the new PC</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bezig met een code maken…</source>
        <translation>Making a code…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Eenmalige code</source>
        <translation>One-time code</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code kopiëren</source>
        <translation>Copy code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Lees deze code voor aan wie de nieuwe pc instelt, of typ hem daar over. Stuur hem niet per e-mail.</source>
        <translation>Read this code aloud to whoever sets up the new PC, or type it in there. Do not send it by e-mail.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Eén keer te gebruiken, geldig tot %1 (24 uur). Daarna maakt u gewoon een nieuwe.</source>
        <translation>Can be used once, valid until %1 (24 hours). After that, simply make a new one.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>het adres van de server: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>the server address: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>het adres van de server (hetzelfde als op deze pc)</source>
        <translation>the server address (the same as on this PC)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Op de nieuwe pc:</source>
        <translation>On the new PC:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installeer Overstap en start het.</source>
        <translation>Install Overstap and start it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kies &lt;b&gt;Deze school gebruikt Overstap al&lt;/b&gt;.</source>
        <translation>Choose &lt;b&gt;This school already uses Overstap&lt;/b&gt;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vul in: %1, deze code en de naam van wie op die pc werkt.</source>
        <translation>Fill in: %1, this code and the name of the person who works on that PC.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Controleer of de naam van de school klopt en de vingerafdruk gelijk is aan deze: %1</source>
        <translation>Check that the school&apos;s name is right and the fingerprint is the same as this one: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Controleer of de naam van de school en de vingerafdruk kloppen, en bevestig.</source>
        <translation>Check that the school&apos;s name and the fingerprint are right, and confirm.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Houd dit venster open tot de nieuwe pc is toegevoegd: deze pc controleert de code en geeft dan de sleutels van de school door, versleuteld voor alleen die pc.</source>
        <translation>Keep this window open until the new PC has been added: this PC checks the code and then passes on the school&apos;s keys, encrypted for that PC only.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Een pc meldde zich met een verkeerde code en is niet toegelaten. Controleer de code op die pc.</source>
        <translation>A PC came in with a wrong code and was not let in. Check the code on that PC.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>De pc van %1 is toegevoegd. De jongeren komen daar na de eerste synchronisatie. U kunt dit venster sluiten.</source>
        <translation>%1&apos;s PC has been added. The young people will appear there after the first synchronisation. You can close this window.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>De nieuwe pc is niet toegevoegd.</source>
        <translation>The new PC was not added.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Er is geen code gemaakt.</source>
        <translation>No code was made.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pc toevoegen lukt nu niet.</source>
        <translation>A PC cannot be added right now.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gekopieerd</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>Afspraken</name>
    <message>
        <location filename="../../handover/ui/models/agreements.py" line="+31"/>
        <source>Gewijzigd door Werk en Inkomen en op school: kies welke blijft</source>
        <translation>Changed by Work and Income and at school: choose which one stays</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (Werk en Inkomen), %2</source>
        <translation>%1 (Work and Income), %2</translation>
    </message>
</context>
<context>
    <name>AfsprakenPage</name>
    <message>
        <location filename="../../handover/ui/pages/afspraken.py" line="+76"/>
        <source>Afspraken: wie doet wat, tot wanneer</source>
        <translation>Agreements: who does what, by when</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Organisatie</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alle organisaties</source>
        <translation>All organisations</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Alleen verlopen</source>
        <translation>Only overdue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alleen afspraken waarvan de datum bij &apos;Tot wanneer&apos; voorbij is</source>
        <translation>Only agreements whose &apos;By when&apos; date has passed</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Ook gedane afspraken</source>
        <translation>Include finished agreements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ook gedane en vervallen afspraken tonen</source>
        <translation>Also show finished and cancelled agreements</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Markeer als gedaan</source>
        <translation>Mark as done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geselecteerde afspraak markeren als gedaan</source>
        <translation>Mark the selected agreement as done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Organisatie:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Lijst van afspraken</source>
        <translation>List of agreements</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>1 afspraak is gewijzigd door Werk en Inkomen en op school</source>
        <translation>1 agreement was changed both by Work and Income and at school</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 afspraken zijn gewijzigd door Werk en Inkomen en op school</source>
        <translation>%1 agreements were changed both by Work and Income and at school</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>: open het dossier (Enter) en kies in onderdeel I welke blijft.</source>
        <translation>: open the file (Enter) and choose in section I which one stays.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>De afspraken konden niet worden geladen.</source>
        <translation>The agreements could not be loaded.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 afspraken</source>
        <translation>%1 agreements</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Bezig met opslaan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Afspraak gemarkeerd als gedaan: %1</source>
        <translation>Agreement marked as done: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Niet opgeslagen: %1</source>
        <translation>Not saved: %1</translation>
    </message>
</context>
<context>
    <name>AgreementTableModel</name>
    <message>
        <location filename="../../handover/ui/models/agreements.py" line="+20"/>
        <source>Jongere</source>
        <translation>Young person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wie doet wat</source>
        <translation>Who does what</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisatie</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Persoon</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tot wanneer</source>
        <translation>By when</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gewijzigd door</source>
        <translation>Changed by</translation>
    </message>
</context>
<context>
    <name>AgreementsDialog</name>
    <message>
        <location filename="../../handover/ui/gemeente/agreements.py" line="+151"/>
        <source>Afspraken: wie doet wat, tot wanneer</source>
        <translation>Agreements: who does what, by when</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wat</source>
        <translation>What</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wie</source>
        <translation>Who</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tot wanneer</source>
        <translation>By when</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Laatst gewijzigd</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Notitie bij gedaan of vervallen (mag leeg)</source>
        <translation>Note for done or cancelled (optional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gedaan</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vervallen</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conflict oplossen…</source>
        <translation>Resolve conflict…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nieuwe afspraak…</source>
        <translation>New agreement…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Conflict: kies een versie</source>
        <translation>Conflict: choose a version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>school (in het dossier)</source>
        <translation>school (in the file)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Niet opgeslagen.</source>
        <translation>Not saved.</translation>
    </message>
</context>
<context>
    <name>Begeleiding</name>
    <message>
        <location filename="../../handover/ui/checkins/closing.py" line="+47"/>
        <source>Einde van de begeleiding</source>
        <translation>End of support</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Begeleiding af&amp;ronden…</source>
        <translation>&amp;Complete support…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Her&amp;openen…</source>
        <translation>Re&amp;open…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+92"/>
        <source>Overdragen aan het Doorstroom&amp;punt…</source>
        <translation>Hand over to the &amp;Youth transition office…</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>&apos;Mijn overstap&apos; afdr&amp;ukken…</source>
        <translation>&amp;Print &apos;My next step&apos;…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Eén pagina in gewone taal voor de jongere: contactpersoon, afspraken, volgende contactmomenten.</source>
        <translation>One page in plain language for the young person: contact person, agreements, next check-ins.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Begeleiding afgerond op %1 door %2. Situatie aan het eind: %3.</source>
        <translation>Support completed on %1 by %2. Situation at the end: %3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Verliest de jongere werk of school, dan gaat de begeleiding vanzelf weer open.</source>
        <translation>If the young person loses work or school, the support reopens automatically.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Vul de einddatum (onderdeel C) in: daaruit volgt wanneer de begeleiding eindigt.</source>
        <translation>Fill in the end date (section C): it determines when the support ends.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>De twee jaar begeleiding na school zijn om (sinds %1). Rond de begeleiding af.</source>
        <translation>The two years of support after school are over (since %1). Complete the support.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Begeleiding na school loopt tot %1 (2 jaar na vertrek).</source>
        <translation>Support after school runs until %1 (2 years after leaving).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Heropend op %1: %2</source>
        <translation>Reopened on %1: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Overgedragen aan het Doorstroompunt (zie de afspraken).</source>
        <translation>Handed over to the Youth transition office (see the agreements).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Overdrachtspagina Doorstroom&amp;punt…</source>
        <translation>&amp;Youth transition office handover page…</translation>
    </message>
    <message>
        <location filename="../../handover/ui/checkins/case_dialogs.py" line="+71"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Begeleiding afronden</source>
        <translation>Complete support</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leg de situatie aan het eind van de begeleiding vast. De jongere verdwijnt dan van Vandaag en uit de planning. Heropenen kan altijd; verliest de jongere werk of school, dan gebeurt het vanzelf.</source>
        <translation>Record the situation at the end of the support. The young person then disappears from Today and from the planning. Reopening is always possible; if the young person loses work or school, it happens automatically.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+10"/>
        <source>Situatie aan het eind</source>
        <translation>Situation at the end</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>Reden</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Kies een reden</source>
        <translation>Choose a reason</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Afronden</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kies een reden bij &apos;Nog geen werk, school of dagbesteding&apos;.</source>
        <translation>Choose a reason for &apos;No work, school or day activity yet&apos;.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Begeleiding heropenen</source>
        <translation>Reopen support</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De jongere komt weer op Vandaag en in de planning. Schrijf kort op waarom.</source>
        <translation>The young person comes back on Today and in the planning. Briefly write down why.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+3"/>
        <source>Waarom</source>
        <translation>Why</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heropenen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Schrijf kort op waarom de begeleiding weer opengaat.</source>
        <translation>Briefly write down why the support is reopening.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Voorbeeld van de afdruk</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De pagina wordt opgemaakt…</source>
        <translation>Laying out the page…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Afdrukken…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opslaan als PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>1 pagina</source>
        <translation>1 page</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 pagina&apos;s</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Afgedrukt.</source>
        <translation>Printed.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opslaan als PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Opgeslagen als %1.</source>
        <translation>Saved as %1.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../handover/ui/gemeente/agreements.py" line="-153"/>
        <source>Afspraak: kies een versie</source>
        <translation>Agreement: choose a version</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>School en Werk en Inkomen hebben deze afspraak allebei gewijzigd. Kies welke versie geldt.</source>
        <translation>The school and Work and Income both changed this agreement. Choose which version holds.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Kies eerst een versie.</source>
        <translation>Choose a version first.</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <location filename="../../handover/ui/editor/conflict.py" line="+96"/>
        <source>verwijderd</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bewaard (en gewijzigd)</source>
        <translation>kept (and changed)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(leeg)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Onderdeel</source>
        <translation>Section</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Gewijzigd op een andere pc door %1 om %2: kies welke blijft</source>
        <translation>Changed on another PC by %1 at %2: choose which one stays</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>deze pc</source>
        <translation>this PC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pc %1</source>
        <translation>PC %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” — %2, %3, %4</source>
        <translation>“%1” — %2, %3, %4</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Deze houden</source>
        <translation>Keep this one</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deze waarde houden: %1</source>
        <translation>Keep this value: %1</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Naar de eerste</source>
        <translation>Go to the first</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>1 wijziging botst met die van een andere pc: kies welke blijft.</source>
        <translation>1 change clashes with one made on another PC: choose which one stays.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 wijzigingen botsen met die van een andere pc: kies per veld welke blijft.</source>
        <translation>%1 changes clash with those made on another PC: choose for each field which one stays.</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>De keuze is niet opgeslagen.</source>
        <translation>The choice was not saved.</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <location filename="../../handover/ui/editor/consent_dialog.py" line="+83"/>
        <source>Toestemming vastleggen</source>
        <translation>Record consent</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vanaf 16 jaar geeft de jongere zelf toestemming; daaronder een ouder of wettelijk vertegenwoordiger. Staat de jongere onder curatele of mentorschap, dan kan de wettelijk vertegenwoordiger ook vanaf 16 jaar toestemming geven: vul dan de reden in.</source>
        <translation>From 16 the young person gives consent themselves; below 16 a parent or legal representative does. If the young person is under guardianship or mentorship, the legal representative can also consent from 16: then fill in the reason.</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+12"/>
        <source>Gemeente (Werk en Inkomen)</source>
        <translation>Municipality (Work and Income)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Kies de gemeente hieronder uit de lijst.</source>
        <translation>Choose the municipality from the list below.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>wordt berekend</source>
        <translation>calculated</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Welke onderdelen mogen mee</source>
        <translation>Which sections may be shared</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Persoonsgegevens (A) en de overdrachtstatus (K) gaan altijd mee.</source>
        <translation>Personal details (A) and the handover status (K) are always included.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Vastleggen</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Na school</source>
        <translation>After school</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Verandert na school de situatie (werk, school, dagbesteding) of zijn er zorgen, dan krijgt Werk en Inkomen een kort bericht: de situatie, de datum en het volgende contact.</source>
        <translation>If the situation changes after school (work, school, day activities) or there are concerns, Work and Income gets a short message: the situation, the date and the next contact.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Ook wat de mentor erbij opschreef. Anders blijft dat op school.</source>
        <translation>Also what the mentor wrote down with it. Otherwise that stays at school.</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/consent.py" line="+54"/>
        <source>ook contactmomenten na school, met notities</source>
        <translation>also check-ins after school, with notes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ook contactmomenten na school</source>
        <translation>also check-ins after school</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Een overstapdossier verlaat de school alleen met geldige toestemming voor die ontvanger. Intrekken stopt het versturen en de ontvanger krijgt bericht.</source>
        <translation>A handover file only leaves the school with valid consent for that recipient. Withdrawing stops sending, and the recipient is notified.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Gegeven door</source>
        <translation>Given by</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leeftijd</source>
        <translation>Age</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ontvanger</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Doel</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vorm</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Onderdelen</source>
        <translation>Sections</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gezondheid</source>
        <translation>Health</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nee</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+112"/>
        <source>Geldig</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Toestemmingen</source>
        <translation>Consents</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Toestemming vastleggen…</source>
        <translation>Record consent…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toestemming intrekken…</source>
        <translation>Withdraw consent…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kies de ontvanger…</source>
        <translation>Choose the recipient…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Inzage door de jongere</source>
        <translation>Review by the young person</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+111"/>
        <source>Alleen nodig als de jongere het niet eens is.</source>
        <translation>Only needed if the young person disagrees.</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>Inzage vastleggen</source>
        <translation>Record review</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>✓ Geldige toestemming voor %1.</source>
        <translation>✓ Valid consent for %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nog geen geldige toestemming voor %1: het dossier wordt niet verstuurd.</source>
        <translation>No valid consent for %1 yet: the file will not be sent.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>de gemeente</source>
        <translation>the municipality</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: eens met de inhoud</source>
        <translation>%1: agrees with the content</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: niet eens</source>
        <translation>%1: disagrees</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Eerdere inzage: </source>
        <translation>Earlier review: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>De jongere heeft het dossier nog niet ingezien.</source>
        <translation>The young person has not reviewed the file yet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Ingetrokken op %1</source>
        <translation>Withdrawn on %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Kies de ontvanger</source>
        <translation>Choose the recipient</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Welke gemeente bedoelt de toestemming voor &apos;%1&apos;?</source>
        <translation>Which municipality does the consent for &apos;%1&apos; mean?</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Toestemming intrekken</source>
        <translation>Withdraw consent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De toestemming van %1 voor %2 intrekken? Het dossier wordt dan niet meer verstuurd en de ontvanger krijgt bericht.</source>
        <translation>Withdraw the consent of %1 for %2? The file will then no longer be sent, and the recipient is notified.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Intrekken</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Niet intrekken</source>
        <translation>Do not withdraw</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Geef aan waarmee de jongere het niet eens is.</source>
        <translation>State what the young person disagrees with.</translation>
    </message>
</context>
<context>
    <name>Contactmomenten</name>
    <message>
        <location filename="../../handover/ui/checkins/dialogs.py" line="+50"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Voor: %1 (gepland op %2)</source>
        <translation>For: %1 (planned for %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Een extra contactmoment, buiten het plan.</source>
        <translation>An extra check-in, outside the plan.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contactmoment vastleggen</source>
        <translation>Record check-in</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Vastleggen</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Een contactmoment kan niet in de toekomst zijn gehouden.</source>
        <translation>A check-in cannot have been held in the future.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Het volgende contact ligt na vandaag.</source>
        <translation>The next contact must be after today.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Alleen bij &apos;Nog geen werk, school of dagbesteding&apos;.</source>
        <translation>Only with &apos;No work, school or day activity yet&apos;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Niet bereikt: de situatie blijft &apos;Nog niet bereikt&apos;.</source>
        <translation>Not reached: the situation stays &apos;Not reached yet&apos;.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Kies een reden bij &apos;Nog geen werk, school of dagbesteding&apos;.</source>
        <translation>Choose a reason for &apos;No work, school or day activity yet&apos;.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Extra contactmoment plannen</source>
        <translation>Plan an extra check-in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan een extra contactmoment als de situatie verandert of er een zorg is.</source>
        <translation>Plan an extra check-in when the situation changes or there is a concern.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Plannen</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan het contactmoment vandaag of later.</source>
        <translation>Plan the check-in for today or later.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Gemist met reden</source>
        <translation>Missed, with a reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (gepland op %2) gaat niet meer door. Schrijf op waarom: het contactmoment staat dan niet meer bij &apos;te laat&apos;.</source>
        <translation>%1 (planned for %2) will not take place. Write down why: the check-in is then no longer listed as &apos;overdue&apos;.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Gemist vastleggen</source>
        <translation>Record as missed</translation>
    </message>
    <message>
        <location filename="../../handover/ui/checkins/panel.py" line="+73"/>
        <source>Contactmoment</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gepland op</source>
        <translation>Planned for</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stand</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gehouden op</source>
        <translation>Held on</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kanaal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Situatie</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tijdlijn van contactmomenten</source>
        <translation>Check-in timeline</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Contactmoment &amp;vastleggen…</source>
        <translation>&amp;Record check-in…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Legt het gekozen contactmoment vast, of anders het huidige.</source>
        <translation>Records the selected check-in, or else the current one.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xtra contactmoment plannen…</source>
        <translation>Plan an e&amp;xtra check-in…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gemis&amp;t met reden…</source>
        <translation>&amp;Missed, with a reason…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Het gekozen (of huidige) open contactmoment gaat niet door: schrijf op waarom.</source>
        <translation>The selected (or current) open check-in will not take place: write down why.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Situatie door de tijd</source>
        <translation>Situation over time</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Geen contactmoment gepland.</source>
        <translation>No check-in planned.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vul de einddatum (onderdeel C) in: daaruit volgt het plan.</source>
        <translation>Fill in the end date (section C): the plan follows from it.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Volgende contactmoment: %1 op %2 (%3)</source>
        <translation>Next check-in: %1 on %2 (%3)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nog geen situatie bekend uit een contactmoment.</source>
        <translation>No situation known from a check-in yet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, stabiel sinds %2</source>
        <translation>%1, stable since %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nog geen gehouden contactmomenten met een situatie.</source>
        <translation>No held check-ins with a situation yet.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Kies een contactmoment om de gegevens te zien; dubbelklik op een open contactmoment om het vast te leggen.</source>
        <translation>Select a check-in to see its details; double-click an open check-in to record it.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: gepland op %2, gemist (vastgelegd op %3). Reden: %4</source>
        <translation>%1: planned for %2, missed (recorded on %3). Reason: %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: gepland op %2 (%3).</source>
        <translation>%1: planned for %2 (%3).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: gehouden op %2</source>
        <translation>%1: held on %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Notities: %1</source>
        <translation>Notes: %1</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <location filename="../../handover/ui/devices_common.py" line="+42"/>
        <source>nog niet</source>
        <translation>not yet</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Deze pc is nog niet verbonden met de server. Verbind eerst met de gemeente (Instellingen, &apos;Verbinden met de gemeente…&apos;).</source>
        <translation>This PC is not connected to the server yet. First connect to the municipality (Settings, &apos;Connect to the municipality…&apos;).</translation>
    </message>
    <message>
        <location filename="../../handover/ui/devices_dialog.py" line="+51"/>
        <source>actief</source>
        <translation>active</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ingetrokken</source>
        <translation>revoked</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <location line="+16"/>
        <location line="+13"/>
        <source>Pc&apos;s van deze school</source>
        <translation>This school&apos;s PCs</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Deze pc&apos;s delen de jongeren van de school. Is een pc kwijt of ingeleverd? Trek hem dan in vanaf een andere pc.</source>
        <translation>These PCs share the school&apos;s young people. Has a PC been lost or handed in? Then revoke it from another PC.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pc</source>
        <translation>PC</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gebruiker</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Laatst gezien</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Toestand</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bezig met laden…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Intrekken…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pc toevoegen…</source>
        <translation>Add a PC…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>deze pc</source>
        <translation>this PC</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 pc&apos;s, waarvan %2 actief.</source>
        <translation>%1 PCs, %2 of them active.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>De lijst van pc&apos;s kon niet worden opgehaald.</source>
        <translation>The list of PCs could not be fetched.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pc intrekken</source>
        <translation>Revoke PC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pc %1 van %2 intrekken?</source>
        <translation>Revoke PC %1 of %2?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Die pc kan daarna niets meer versturen of ophalen; de server weigert hem meteen. De sleutel van de school wordt vernieuwd: wat hierna wordt verstuurd, is met de oude sleutel niet te lezen. De gegevens die al op die pc staan, blijven daar staan: haal de pc terug of laat hem wissen volgens de afspraken van de school. Dit kan niet ongedaan worden gemaakt; de pc kan wel opnieuw worden toegevoegd met een nieuwe code.</source>
        <translation>That PC can then no longer send or fetch anything; the server refuses it at once. The school&apos;s key is renewed: whatever is sent after this cannot be read with the old key. The data already on that PC stays there: get the PC back or have it wiped according to the school&apos;s arrangements. This cannot be undone; the PC can be added again with a new code.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Intrekken</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Bezig met intrekken en de sleutel van de school vernieuwen…</source>
        <translation>Revoking the PC and renewing the school&apos;s key…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pc %1 is ingetrokken. De sleutel van de school is vernieuwd.</source>
        <translation>PC %1 has been revoked. The school&apos;s key has been renewed.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>De pc is niet ingetrokken.</source>
        <translation>The PC was not revoked.</translation>
    </message>
</context>
<context>
    <name>Domein</name>
    <message>
        <location filename="../../handover/ui/domain_strings.py" line="+6"/>
        <source>Persoonsgegevens</source>
        <translation>Personal details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voornamen</source>
        <translation>First names</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roepnaam</source>
        <translation>Preferred name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tussenvoegsel</source>
        <translation>Surname prefix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achternaam</source>
        <translation>Surname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geboortedatum</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adres</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Woonplaats</source>
        <translation>Place of residence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gemeente</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Telefoon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voorkeur contactkanaal</source>
        <translation>Preferred contact channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BSN</source>
        <translation>BSN (citizen service number)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geheim adres</source>
        <translation>Confidential address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tolk nodig</source>
        <translation>Interpreter needed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Betrokkenen</source>
        <translation>People involved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>betrokkene</source>
        <translation>person involved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisatie</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vaste contactpersoon</source>
        <translation>Fixed contact person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schoolloopbaan</source>
        <translation>School career</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>School</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BRIN</source>
        <translation>BRIN (school number)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schoolsoort</source>
        <translation>Type of school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Klas</source>
        <translation>Class</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Startdatum</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Einddatum (vertrek)</source>
        <translation>End date (leaving)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reden vertrek</source>
        <translation>Reason for leaving</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datum ontwikkelingsperspectief</source>
        <translation>Date of development perspective plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verwacht uitstroomniveau</source>
        <translation>Expected exit level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route na school</source>
        <translation>Route after school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diploma&apos;s en certificaten</source>
        <translation>Diplomas and certificates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>diploma of certificaat</source>
        <translation>diploma or certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Soort</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uitgegeven door</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geldig tot</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werk- en stage-ervaring</source>
        <translation>Work and internship experience</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ervaring</source>
        <translation>experience</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werkgever</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Van</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tot</source>
        <translation>Until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uren per week</source>
        <translation>Hours per week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Begeleiding</source>
        <translation>Support</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beoordeling</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kan hier blijven</source>
        <translation>Can stay here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talenten en ondersteuning</source>
        <translation>Talents and support</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sterke punten</source>
        <translation>Strengths</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interesses</source>
        <translation>Interests</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werkvaardigheden</source>
        <translation>Work skills</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Belastbaarheid (uren per dag)</source>
        <translation>Work capacity (hours per day)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Belastbaarheid (uren per week)</source>
        <translation>Work capacity (hours per week)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reist zelfstandig</source>
        <translation>Travels independently</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wat werkt</source>
        <translation>What works</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wat te vermijden</source>
        <translation>What to avoid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gezondheid (alleen met toestemming)</source>
        <translation>Health (only with consent)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ondersteuning per gebied</source>
        <translation>Support per area</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ondersteuning</source>
        <translation>support</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gebied</source>
        <translation>Area</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welke ondersteuning</source>
        <translation>What support</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regelingen en indicaties</source>
        <translation>Schemes and assessments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>regeling</source>
        <translation>scheme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regeling</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aangevraagd door</source>
        <translation>Applied for by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bestemming</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geplande situatie</source>
        <translation>Planned situation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werkelijke situatie</source>
        <translation>Actual situation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toelichting</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Afspraken: wie doet wat, tot wanneer</source>
        <translation>Agreements: who does what, by when</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datum driegesprek</source>
        <translation>Date of three-way meeting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>afspraak</source>
        <translation>agreement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actie</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Persoon</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tot wanneer</source>
        <translation>By when</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toestemming</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdrachtstatus</source>
        <translation>Handover status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gegeven door</source>
        <translation>Given by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leeftijd bij toestemming</source>
        <translation>Age at consent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ontvanger</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Doel</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vorm</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ook gezondheidsgegevens</source>
        <translation>Health data included</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ingetrokken op</source>
        <translation>Withdrawn on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reden vertegenwoordiging (curatele, mentorschap)</source>
        <translation>Reason for representation (guardianship, mentorship)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ook contactmomenten na school</source>
        <translation>Also check-ins after school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ook notities van contactmomenten</source>
        <translation>Also notes from check-ins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kanaal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bereikt</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pogingen</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Situatie</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reden</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inkomen</source>
        <translation>Income</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zorgsignaal</source>
        <translation>Concern signal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tevredenheid jongere</source>
        <translation>Young person&apos;s satisfaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notities</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volgende contact</source>
        <translation>Next contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WhatsApp / bericht</source>
        <translation>WhatsApp / message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation>Post</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Via ouder/verzorger</source>
        <translation>Via parent/carer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ouder/verzorger</source>
        <translation>Parent/carer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wettelijk vertegenwoordiger</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentor school</source>
        <translation>School mentor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stagebegeleider</source>
        <translation>Internship supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stagecoördinator</source>
        <translation>Internship coordinator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jobcoach</source>
        <translation>Job coach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Klantmanager Werk en Inkomen</source>
        <translation>Work and Income case manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consulent Doorstroompunt</source>
        <translation>Youth transition office adviser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zorg/ambulant begeleider</source>
        <translation>Care/outreach support worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bewindvoerder</source>
        <translation>Financial administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Curator/mentor (juridisch)</source>
        <translation>Guardian/legal mentor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overig</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Praktijkonderwijs</source>
        <translation>Practical education (pro)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voortgezet speciaal onderwijs</source>
        <translation>Secondary special education (vso)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verder leren</source>
        <translation>Further education</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werken</source>
        <translation>Work</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dagbesteding</source>
        <translation>Day activities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nog onbekend</source>
        <translation>Not known yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schooldiploma pro</source>
        <translation>Pro school diploma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Getuigschrift pro</source>
        <translation>Pro school certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schooldiploma vso</source>
        <translation>Vso school diploma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Portfolio</source>
        <translation>Portfolio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Praktijkverklaring</source>
        <translation>Practical skills statement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Branchecertificaat</source>
        <translation>Industry certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mbo-certificaat</source>
        <translation>Mbo certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entreediploma</source>
        <translation>Entry-level diploma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mbo-2 diploma</source>
        <translation>Mbo level 2 diploma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vmbo-diploma</source>
        <translation>Vmbo diploma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>Internship</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leerwerkplek</source>
        <translation>Learning workplace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bijbaan</source>
        <translation>Side job</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bbl</source>
        <translation>Work-based learning (bbl)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Betaald werk</source>
        <translation>Paid work</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vrijwilligerswerk</source>
        <translation>Volunteer work</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werk</source>
        <translation>Work</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reizen</source>
        <translation>Travel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geld</source>
        <translation>Money</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wonen</source>
        <translation>Housing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gezondheid</source>
        <translation>Health</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sociaal netwerk</source>
        <translation>Social network</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Banenafspraak (doelgroepregister)</source>
        <translation>Jobs agreement (target group register)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beoordeling arbeidsvermogen</source>
        <translation>Work capacity assessment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advies beschut werk</source>
        <translation>Sheltered work advice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loonkostensubsidie</source>
        <translation>Wage cost subsidy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wajong</source>
        <translation>Wajong</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No-riskpolis</source>
        <translation>No-risk policy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proefplaatsing</source>
        <translation>Trial placement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werkvoorziening</source>
        <translation>Workplace adjustment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bijstand</source>
        <translation>Social assistance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wmo-dagbesteding</source>
        <translation>Wmo day activities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wlz-indicatie</source>
        <translation>Wlz care assessment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Praktijkroute</source>
        <translation>Practical route</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Niet nodig</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uitzoeken</source>
        <translation>To look into</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aangevraagd</source>
        <translation>Applied for</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toegekend</source>
        <translation>Granted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Afgewezen</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onbekend</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werk en Inkomen</source>
        <translation>Work and Income</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Doorstroompunt</source>
        <translation>Youth transition office</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jongere</source>
        <translation>Young person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ouder</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UWV</source>
        <translation>UWV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gedaan</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verlopen</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vervallen</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toestemming gegeven door</source>
        <translation>Consent given by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Op papier</source>
        <translation>On paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digitaal</source>
        <translation>Digital</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concept</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Klaar voor gesprek</source>
        <translation>Ready for meeting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Besproken</source>
        <translation>Discussed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verstuurd</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ontvangen door Werk en Inkomen</source>
        <translation>Received by Work and Income</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Afgerond</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gesprek op school</source>
        <translation>Meeting at school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huisbezoek</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werkplekbezoek</source>
        <translation>Workplace visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bericht</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Via ouder</source>
        <translation>Via parent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Via werkgever</source>
        <translation>Via employer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Via Werk en Inkomen</source>
        <translation>Via Work and Income</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werk (regulier)</source>
        <translation>Work (regular)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werk met loonkostensubsidie / banenafspraak</source>
        <translation>Work with wage cost subsidy / jobs agreement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beschut werk</source>
        <translation>Sheltered work</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Werk met bbl</source>
        <translation>Work with work-based learning (bbl)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mbo-bol entree</source>
        <translation>Mbo full-time, entry level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mbo-bol niveau 2</source>
        <translation>Mbo full-time, level 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mbo-bol hoger</source>
        <translation>Mbo full-time, higher level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ander onderwijs</source>
        <translation>Other education</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dagbesteding arbeidsmatig</source>
        <translation>Work-oriented day activities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dagbesteding activiteitengericht</source>
        <translation>Activity-oriented day activities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Traject naar werk</source>
        <translation>Pathway to work</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nog geen werk, school of dagbesteding</source>
        <translation>No work, school or day activity yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verhuisd/buitenland</source>
        <translation>Moved/abroad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nog niet bereikt</source>
        <translation>Not reached yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoekend</source>
        <translation>Searching</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ziek/zorg</source>
        <translation>Ill/care</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Motivatie</source>
        <translation>Motivation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ontslag</source>
        <translation>Dismissal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voortijdig gestopt</source>
        <translation>Dropped out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geen uitkering</source>
        <translation>No benefit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WW</source>
        <translation>Unemployment benefit (WW)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anders</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geen</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let op</source>
        <translation>Watch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zorg</source>
        <translation>Concern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Niet tevreden</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gaat wel</source>
        <translation>Fair</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tevreden</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overstap naar werk en begeleiding na school</source>
        <translation>Transition to work and support after school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aanvraag uitkering of regeling</source>
        <translation>Application for a benefit or scheme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start overstap, toestemming vragen</source>
        <translation>Start of transition, ask for consent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Driegesprek, afspraken vastleggen</source>
        <translation>Three-way meeting, record agreements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertrek van school</source>
        <translation>Leaving school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na 1 maand (zomer)</source>
        <translation>After 1 month (summer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na 3 maanden</source>
        <translation>After 3 months</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na 6 maanden</source>
        <translation>After 6 months</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na 1 jaar</source>
        <translation>After 1 year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na 1,5 jaar</source>
        <translation>After 1.5 years</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na 2 jaar</source>
        <translation>After 2 years</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na %1 maanden</source>
        <translation>After %1 months</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 maanden voor vertrek</source>
        <translation>%1 months before leaving</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Situatie veranderd: %1</source>
        <translation>Situation changed: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zorgsignaal bij laatste contactmoment</source>
        <translation>Care signal at the last check-in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gehouden</source>
        <translation>Held</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gepland</source>
        <translation>Planned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deze week</source>
        <translation>This week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Te laat</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gemist</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra contactmoment</source>
        <translation>Extra check-in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra: situatie veranderd</source>
        <translation>Extra: situation changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Afgesproken contact</source>
        <translation>Agreed contact</translation>
    </message>
</context>
<context>
    <name>DossierEditor</name>
    <message>
        <location filename="../../handover/ui/editor/commands.py" line="+97"/>
        <source>%1 toevoegen</source>
        <translation>Add %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 verwijderen</source>
        <translation>Remove %1</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/header.py" line="+242"/>
        <source>Onderdelen van het dossier</source>
        <translation>Sections of the file</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/section_page.py" line="+53"/>
        <source>Sneltoets: Alt + letter van het onderdeel; Alt+M voor contactmomenten.</source>
        <translation>Shortcut: Alt + the section&apos;s letter; Alt+M for check-ins.</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/page.py" line="+97"/>
        <source>Kies een jongere om het overstapdossier te openen.</source>
        <translation>Choose a young person to open their handover file.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <source>Contactmomenten</source>
        <translation>Check-ins</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/header.py" line="-95"/>
        <source>Ge&amp;zien</source>
        <translation>&amp;Seen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aandachtspunt gezien</source>
        <translation>Attention point seen</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Overdrachtstatus</source>
        <translation>Handover status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Status wijzigen</source>
        <translation>Change &amp;status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status wijzigen</source>
        <translation>Change status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdrachtstatus wijzigen</source>
        <translation>Change handover status</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossier sluiten</source>
        <translation>Close file</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/sections.py" line="+46"/>
        <source>Gezondheid kan alleen worden ingevuld als er geldige toestemming is die ook gezondheidsgegevens omvat (onderdeel J, Toestemming).</source>
        <translation>Health can only be filled in with valid consent that also covers health data (section J, Consent).</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/header.py" line="+222"/>
        <source>&apos;Verstuurd&apos; en &apos;Ontvangen door Werk en Inkomen&apos; worden gezet bij het versturen naar de gemeente en door de ontvangstbevestiging, nooit met de hand.</source>
        <translation>&apos;Sent&apos; and &apos;Received by Work and Income&apos; are set by sending to the municipality and by its acknowledgement, never by hand.</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Alt+%1</source>
        <translation>Alt+%1</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/commands.py" line="+18"/>
        <location line="+14"/>
        <source>&amp;Ongedaan maken</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+19"/>
        <source>O&amp;pnieuw</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>&amp;Ongedaan maken: %1</source>
        <translation>&amp;Undo: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>O&amp;pnieuw: %1</source>
        <translation>&amp;Redo: %1</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/page.py" line="+79"/>
        <source>Openen…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/header.py" line="-43"/>
        <source>Opslaan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opgeslagen; %n veld(en) nog niet geldig (bewaard als concepttekst)</source>
        <translation>Saved; %n field(s) not valid yet (kept as draft text)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alles opgeslagen</source>
        <translation>All saved</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Niet opgeslagen: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/page.py" line="+168"/>
        <source>Dit dossier kan niet worden geopend: %1</source>
        <translation>This file cannot be opened: %1</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/header.py" line="+151"/>
        <source>Gewijzigd op %1</source>
        <translation>Changed on %1</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/page.py" line="+23"/>
        <source>Eerst toestemming vastleggen die ook gezondheidsgegevens omvat.</source>
        <translation>First record consent that also covers health data.</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/header.py" line="-81"/>
        <source>%1 te laat</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 contactmoment(en) te laat</source>
        <translation>%1 check-in(s) overdue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Volgende contactmoment op %1</source>
        <translation>Next check-in on %1</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>geboren %1</source>
        <translation>born %1</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Terug naar de lijst (Esc)</source>
        <translation>Back to the list (Esc)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Gezien</source>
        <translation>Seen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>klas %1</source>
        <translation>class %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>vertrek %1</source>
        <translation>leaving %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>mentor %1</source>
        <translation>mentor %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vraagt aandacht: %1</source>
        <translation>Needs attention: %1</translation>
    </message>
    <message>
        <location line="+208"/>
        <source>Versturen naar Werk en Inkomen: %1</source>
        <translation>Sending to Work and Income: %1</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/page.py" line="+23"/>
        <source>Overstapdossier – %1</source>
        <translation>Handover file – %1</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/header.py" line="-111"/>
        <source>Compleet</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nog nodig: %1</source>
        <translation>Still needed: %1</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Overdrachtstatus: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Handover status: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>Versturen naar Werk en Inkomen</source>
        <translation>Send to Work and Income</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Huidige status: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Current status: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="-306"/>
        <source>Zet op &apos;%1&apos;</source>
        <translation>Set to &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+228"/>
        <source>Huidige status: %1 (Alt+K)</source>
        <translation>Current status: %1 (Alt+K)</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>De status verandert nu alleen door het versturen of de ontvangst.</source>
        <translation>The status now only changes by sending or receipt.</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/page.py" line="+11"/>
        <source>Kies precies één vaste contactpersoon (vink de kolom &apos;Vaste contactpersoon&apos; aan).</source>
        <translation>Choose exactly one fixed contact person (tick the &apos;Fixed contact person&apos; column).</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/session.py" line="+146"/>
        <source>Gezondheidsgegevens mogen alleen worden vastgelegd met toestemming die gezondheid omvat.</source>
        <translation>Health data may only be recorded with consent that covers health.</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/page.py" line="+19"/>
        <source>%1 verwijderd; ongedaan maken met Ctrl+Z.</source>
        <translation>%1 removed; undo with Ctrl+Z.</translation>
    </message>
</context>
<context>
    <name>DossierFields</name>
    <message>
        <location filename="../../handover/ui/editor/fields.py" line="+61"/>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nee</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Melding bij %1</source>
        <translation>Message for %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>(niet ingevuld)</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kies…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>dd-mm-jjjj</source>
        <translation>dd-mm-yyyy</translation>
    </message>
</context>
<context>
    <name>DossierLists</name>
    <message>
        <location filename="../../handover/ui/editor/lists.py" line="+137"/>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nee</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+166"/>
        <source>&apos;Verlopen&apos; volgt vanzelf uit de datum bij &apos;Tot wanneer&apos;.</source>
        <translation>&apos;Overdue&apos; follows from the &apos;By when&apos; date by itself.</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>(niet ingevuld)</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>dd-mm-jjjj</source>
        <translation>dd-mm-yyyy</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Nieuw: %1</source>
        <translation>New: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Toevoegen</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>%1 toevoegen…</source>
        <translation>Add %1…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Verwijderen</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 verwijderen</source>
        <translation>Remove %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Dubbelklik of F2: wijzigen · Insert: toevoegen · Delete: verwijderen</source>
        <translation>Double-click or F2: edit · Insert: add · Delete: remove</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../handover/ui/enroll_dialog.py" line="+68"/>
        <source>Verbinden met de gemeente</source>
        <translation>Connect to the municipality</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Vraag de ICT-beheerder van de gemeente om het adres van de server en een eenmalige inschrijfcode. Geef de code nooit per e-mail door.</source>
        <translation>Ask the municipality&apos;s IT administrator for the server address and a one-time enrollment code. Never pass the code on by e-mail.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+6"/>
        <source>Adres van de server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>Inschrijfcode</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volgende</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Vergelijk de vingerafdruk</source>
        <translation>Compare the fingerprint</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bel de beheerder van de gemeente. Lees deze 6 groepen voor aan de beheerder van de gemeente, die ze op zijn eigen scherm ziet. Vergelijk nooit met een lijst van de server.</source>
        <translation>Call the municipality&apos;s administrator. Read these 6 groups aloud to the municipality&apos;s administrator, who sees them on their own screen. Never compare with a list from the server.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Zegt de beheerder dat alle groepen gelijk zijn?</source>
        <translation>Does the administrator say all groups are the same?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ja, ze zijn gelijk</source>
        <translation>Yes, they are the same</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nee</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Vul het adres van de server en de inschrijfcode in.</source>
        <translation>Fill in the server address and the enrollment code.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Verbinden is niet gelukt.</source>
        <translation>Connecting did not succeed.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Er is niets geregistreerd en er wordt niets verstuurd. De code blijft geldig. Meld aan de beheerder van de gemeente dat de vingerafdruk niet klopte: iemand kan de sleutel op de server hebben vervangen.</source>
        <translation>Nothing was registered and nothing will be sent. The code remains valid. Tell the municipality&apos;s administrator that the fingerprint did not match: someone may have replaced the key on the server.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Verbonden als %1. Dit is de vingerafdruk van uw eigen organisatie; de gemeente vraagt u die voor te lezen voordat ze uw dossiers opent:</source>
        <translation>Connected as %1. This is your own organisation&apos;s fingerprint; the municipality will ask you to read it aloud before it opens your files:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Inschrijven is niet gelukt.</source>
        <translation>Enrolling did not succeed.</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <location filename="../../handover/ui/editor/exchange.py" line="+119"/>
        <source>tot %1</source>
        <translation>by %1</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>&lt;b&gt;Overdracht met Werk en Inkomen&lt;/b&gt;</source>
        <translation>&lt;b&gt;Handover with Work and Income&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wanneer</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wat</source>
        <translation>What</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Door</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Overdracht met Werk en Inkomen</source>
        <translation>Handover with Work and Income</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nog niets uitgewisseld: het dossier is nog niet naar Werk en Inkomen verstuurd.</source>
        <translation>Nothing exchanged yet: the file has not been sent to Work and Income yet.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>“%1”: gewijzigd door %2 (Werk en Inkomen) op %3</source>
        <translation>“%1”: changed by %2 (Work and Income) on %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Afspraak “%1”</source>
        <translation>Agreement “%1”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gewijzigd door Werk en Inkomen en op school: kies welke blijft.</source>
        <translation>Changed by Work and Income and at school: choose which one stays.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Werk en Inkomen</source>
        <translation>Work and Income</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>school</source>
        <translation>school</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2, %3 op %4)</source>
        <translation>%1 (%2, %3 on %4)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Deze versie houden</source>
        <translation>Keep this version</translation>
    </message>
</context>
<context>
    <name>FiguresTableModel</name>
    <message>
        <location filename="../../handover/ui/results/model.py" line="+156"/>
        <source>Vertrekjaar</source>
        <translation>Year of leaving</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vertrokken in %1</source>
        <translation>Left in %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>geen uitwisseling</source>
        <translation>no exchange</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1, vertrekjaar %2: nog niemand om te tellen</source>
        <translation>%1, year of leaving %2: nobody to count yet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, vertrekjaar %2: %3 van %4 (%5)</source>
        <translation>%1, year of leaving %2: %3 of %4 (%5)</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../handover/ui/wizard/first_run.py" line="+198"/>
        <source>Overstap instellen</source>
        <translation>Set up Overstap</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Volgende &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt; Vorige</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Klaar</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FolderPage</name>
    <message>
        <location filename="../../handover/ui/wizard/pages.py" line="+147"/>
        <source>Waar de gegevens staan</source>
        <translation>Where the data lives</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kies een map op deze computer. Alles in deze map wordt versleuteld opgeslagen. Kies geen gedeelde netwerkmap.</source>
        <translation>Choose a folder on this computer. Everything in it is stored encrypted. Do not choose a shared network folder.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+9"/>
        <source>Gegevensmap</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Bladeren…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Gegevensmap kiezen</source>
        <translation>Choose data folder</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kies een map.</source>
        <translation>Choose a folder.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In deze map staan al gegevens van Overstap. Kies een andere (lege) map.</source>
        <translation>This folder already holds Overstap data. Choose another (empty) folder.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dit is een bestand, geen map.</source>
        <translation>This is a file, not a folder.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deze map staat op een netwerkschijf (%1). Daar kan de database beschadigd raken. Kies een map op deze computer.</source>
        <translation>This folder is on a network drive (%1). The database can be damaged there. Choose a folder on this computer.</translation>
    </message>
</context>
<context>
    <name>GemeenteJongerenPage</name>
    <message>
        <location filename="../../handover/ui/gemeente/pages.py" line="+226"/>
        <source>Jongeren (ontvangen)</source>
        <translation>Young people (received)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoek op naam, school, woonplaats of id…</source>
        <translation>Search by name, school, place of residence or id…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoeken</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>School</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Klantmanager</source>
        <translation>Case manager</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cohort (jaar van vertrek)</source>
        <translation>Cohort (year of leaving)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alleen mijn jongeren</source>
        <translation>Only my young people</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Ontvangen dossiers</source>
        <translation>Received files</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Alle scholen</source>
        <translation>All schools</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alle klantmanagers</source>
        <translation>All case managers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alle jaren</source>
        <translation>All years</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertrek in %1</source>
        <translation>Leaving in %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 ontvangen dossiers</source>
        <translation>%1 received files</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 van %2 ontvangen dossiers</source>
        <translation>%1 of %2 received files</translation>
    </message>
</context>
<context>
    <name>GemeenteSettingsDialog</name>
    <message>
        <location filename="../../handover/ui/gemeente/dialogs.py" line="+182"/>
        <source>Instellingen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Medewerkers, één naam per regel</source>
        <translation>Staff, one name per line</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uw naam</source>
        <translation>Your name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medewerkers (klantmanagers),
één naam per regel</source>
        <translation>Staff (case managers),
one name per line</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Vul uw naam in: die staat onder elk bericht aan de school.</source>
        <translation>Enter your name: it is on every message to the school.</translation>
    </message>
</context>
<context>
    <name>GemeenteVandaagPage</name>
    <message>
        <location filename="../../handover/ui/gemeente/pages.py" line="-275"/>
        <source>Nieuw ontvangen</source>
        <translation>Newly received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alles is opgepakt.</source>
        <translation>Everything has been picked up.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>School</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+40"/>
        <source>Ontvangen</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Intake nog te plannen</source>
        <translation>Intake still to be planned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geen dossiers die te lang op een intake wachten.</source>
        <translation>No files waiting too long for an intake.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waarom</source>
        <translation>Why</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uiterlijk</source>
        <translation>At the latest</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verlopen afspraken voor Werk en Inkomen</source>
        <translation>Overdue agreements for Work and Income</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alle afspraken voor Werk en Inkomen liggen op schema.</source>
        <translation>All agreements for Work and Income are on schedule.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Wat</source>
        <translation>What</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Tot wanneer</source>
        <translation>By when</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Situatie veranderd na school</source>
        <translation>Situation changed after school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geen nieuws van scholen.</source>
        <translation>No news from schools.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nieuws</source>
        <translation>News</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contactmoment</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Toestemming ingetrokken</source>
        <translation>Consent withdrawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geen toestemming ingetrokken (afgelopen 30 dagen).</source>
        <translation>No consent withdrawn (last 30 days).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ingetrokken op</source>
        <translation>Withdrawn on</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nieuwe versie ontvangen</source>
        <translation>New version received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geen nieuwe versies sinds u ze opende.</source>
        <translation>No new versions since you opened them.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Van</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Vandaag</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 · wat er nu wacht op Werk en Inkomen</source>
        <translation>%1 · what is waiting for Work and Income now</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>kon niet worden geladen</source>
        <translation>could not be loaded</translation>
    </message>
</context>
<context>
    <name>GemeenteWindow</name>
    <message>
        <location filename="../../handover/ui/gemeente/window.py" line="+98"/>
        <source>Navigatie</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vandaag</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jongeren</source>
        <translation>Young people</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dossier</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Regio</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Ontvangen van scholen: nog niet ingesteld</source>
        <translation>Receiving from schools: not set up yet</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Er ging iets mis.</source>
        <translation>Something went wrong.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Regio: de cijfers van de scholen in de regio komen hier.</source>
        <translation>Region: the figures of the schools in the region appear here.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Dossier &amp;afdrukken…</source>
        <translation>&amp;Print file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nu &amp;ophalen en versturen</source>
        <translation>&amp;Fetch and send now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Instellingen…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Afsluiten</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Be&amp;werken</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Zoeken</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beel&amp;d</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Vandaag</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Jongeren</source>
        <translation>&amp;Young people</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Dossier</source>
        <translation>F&amp;ile</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Regio</source>
        <translation>&amp;Region</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ve&amp;rnieuwen</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terug</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Bezig met laden…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>De lijst kon niet worden geladen.</source>
        <translation>The list could not be loaded.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 ontvangen dossiers · versleuteld opgeslagen</source>
        <translation>%1 received files · stored encrypted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>demogegevens (worden na afsluiten gewist)</source>
        <translation>demo data (erased on closing)</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Werk en Inkomen</source>
        <translation>Work and Income</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../handover/ui/mentor_handover.py" line="+78"/>
        <source>Jongeren overdragen aan een andere mentor</source>
        <translation>Transfer young people to another mentor</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Gaat een mentor weg, of neemt iemand een klas over? Kies wie er overgaan en naar welke mentor. De dossiers blijven zoals ze zijn; alleen de mentor verandert. Het logboek legt vast wie het deed.</source>
        <translation>Is a mentor leaving, or is someone taking over a class? Choose who moves and to which mentor. The files stay as they are; only the mentor changes. The log records who did it.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Alle jongeren van mentor:</source>
        <translation>All young people of mentor:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Jongeren van deze mentor</source>
        <translation>Young people of this mentor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2 jongeren)</source>
        <translation>%1 (%2 young people)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>zonder mentor (%1 jongeren)</source>
        <translation>without a mentor (%1 young people)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+29"/>
        <source>Naar mentor</source>
        <translation>To mentor</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Kies een mentor uit de lijst of typ een nieuwe naam.</source>
        <translation>Choose a mentor from the list or type a new name.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kies of typ de naam van de nieuwe mentor</source>
        <translation>Choose or type the new mentor&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ook de vaste contactpersoon bijwerken (onderdeel B)</source>
        <translation>Also update the fixed contact person (section B)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Is de oude mentor de vaste contactpersoon, dan wordt de nieuwe mentor dat; het telefoonnummer blijft staan, het e-mailadres van de oude mentor gaat eraf. Is er nog geen vaste contactpersoon, dan wordt de nieuwe mentor het. Een andere vaste contactpersoon blijft.</source>
        <translation>If the old mentor is the fixed contact person, the new mentor takes that place; the phone number stays, the old mentor&apos;s e-mail address is removed. If there is no fixed contact person yet, the new mentor becomes it. A different fixed contact person stays.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Overdragen…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+109"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>De gekozen jongeren (%1)</source>
        <translation>The selected young people (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De gekozen jongeren (kies ze eerst in de lijst; Ctrl+klik of Shift+klik voor meer)</source>
        <translation>The selected young people (select them in the list first; Ctrl+click or Shift+click for more)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>en %1 anderen</source>
        <translation>and %1 others</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Er zijn nog geen jongeren gekozen.</source>
        <translation>No young people have been selected yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 jongeren gekozen. Kies de mentor waar ze naartoe gaan.</source>
        <translation>%1 young people selected. Choose the mentor they move to.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 jongeren gaan naar %2.</source>
        <translation>%1 young people move to %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 hebben deze mentor al.</source>
        <translation>%1 already have this mentor.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kies eerst de jongeren die overgaan.</source>
        <translation>First choose the young people who move.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vul de naam van de nieuwe mentor in.</source>
        <translation>Fill in the new mentor&apos;s name.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>De naam van de mentor is te lang (hoogstens 200 tekens).</source>
        <translation>The mentor&apos;s name is too long (200 characters at most).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deze jongeren hebben %1 al als mentor.</source>
        <translation>These young people already have %1 as their mentor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Overdragen bevestigen</source>
        <translation>Confirm transfer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 jongeren overdragen aan %2?</source>
        <translation>Transfer %1 young people to %2?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zij staan daarna bij %1 onder &apos;Alleen mijn jongeren&apos;.</source>
        <translation>They will then appear for %1 under &apos;Only my young people&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De vaste contactpersoon wordt bijgewerkt waar dat de oude mentor was.</source>
        <translation>The fixed contact person is updated wherever that was the old mentor.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Het logboek legt de overdracht vast, met de oude en de nieuwe mentor.</source>
        <translation>The log records the transfer, with the old and the new mentor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdragen</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Er is niets overgedragen.</source>
        <translation>Nothing was transferred.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 jongeren overgedragen aan %2.</source>
        <translation>%1 young people transferred to %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vaste contactpersoon bijgewerkt bij %1.</source>
        <translation>Fixed contact person updated for %1.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../handover/ui/import_dialog.py" line="+41"/>
        <source>Wordt ingelezen, met waarschuwing</source>
        <translation>Will be imported, with a warning</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wordt ingelezen</source>
        <translation>Will be imported</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Staat er al in</source>
        <translation>Already there</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Niet ingelezen</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Regel</source>
        <translation>Line</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wat er gebeurt</source>
        <translation>What happens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toelichting</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Jongeren inlezen uit de leerlingadministratie</source>
        <translation>Import young people from the student administration</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kies het CSV-bestand dat Magister, Somtoday, ParnasSys of Eduarte maakt. U ziet eerst per regel wat er gebeurt; pas bij &apos;Inlezen&apos; wordt er iets opgeslagen.</source>
        <translation>Choose the CSV file that Magister, Somtoday, ParnasSys or Eduarte makes. You first see what happens to each line; nothing is saved until &apos;Import&apos;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nog geen bestand gekozen.</source>
        <translation>No file chosen yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Kies bestand…</source>
        <translation>&amp;Choose file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kies het CSV-bestand</source>
        <translation>Choose the CSV file</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Voorbeeld: wat er met elke regel gebeurt</source>
        <translation>Preview: what happens to each line</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Samenvatting</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Inlezen</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>CSV-bestand kiezen</source>
        <translation>Choose a CSV file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV-bestanden (*.csv *.txt);;Alle bestanden (*)</source>
        <translation>CSV files (*.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Het bestand wordt gecontroleerd…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 worden ingelezen (%2 met een waarschuwing), %3 staan er al in, %4 niet ingelezen.</source>
        <translation>%1 will be imported (%2 with a warning), %3 already there, %4 not imported.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Niet gebruikte kolommen: %1.</source>
        <translation>Columns not used: %1.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Bezig met inlezen…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 jongeren ingelezen, %2 overgeslagen, %3 niet ingelezen.</source>
        <translation>%1 young people imported, %2 skipped, %3 not imported.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Het inlezen is niet gelukt; er is niets opgeslagen. Probeer het opnieuw.</source>
        <translation>The import did not work; nothing was saved. Please try again.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&amp;Jongeren inlezen (CSV)…</source>
        <translation>&amp;Import young people (CSV)…</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <location filename="../../handover/ui/gemeente/dialogs.py" line="-97"/>
        <source>Intake plannen</source>
        <translation>Plan intake</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+2"/>
        <source>Klantmanager</source>
        <translation>Case manager</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Datum van de intake</source>
        <translation>Date of the intake</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tip: zet de namen van uw collega&apos;s onder Instellingen, dan kunt u ze hier kiezen.</source>
        <translation>Tip: put your colleagues&apos; names under Settings, then you can choose them here.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kies of typ de klantmanager.</source>
        <translation>Choose or type the case manager.</translation>
    </message>
</context>
<context>
    <name>JoinPage</name>
    <message>
        <location filename="../../handover/ui/wizard/join_page.py" line="+74"/>
        <source>Deze pc toevoegen aan uw school</source>
        <translation>Add this PC to your school</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Maak op een pc waar Overstap al op staat een eenmalige code: Instellingen, &apos;Pc toevoegen…&apos;. Vul die hier in, met het adres van de server en uw naam.</source>
        <translation>On a PC that already has Overstap, make a one-time code: Settings, &apos;Add a PC…&apos;. Fill it in here, with the server address and your name.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+35"/>
        <source>Adres van de server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+33"/>
        <source>Eenmalige code</source>
        <translation>One-time code</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+31"/>
        <source>Uw naam</source>
        <translation>Your name</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Rol op deze pc</source>
        <translation>Role on this PC</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Mentor: eerst alleen mijn jongeren</source>
        <translation>Mentor: only my young people first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coördinator: alle jongeren</source>
        <translation>Coordinator: all young people</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Controleren</source>
        <translation>Check</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Staat op de andere pc dezelfde vingerafdruk (in het venster &apos;Pc toevoegen&apos;, of onder Help, &apos;Over deze installatie&apos;)? Alleen dan hoort deze code echt bij uw school.</source>
        <translation>Does the other PC show the same fingerprint (in the &apos;Add a PC&apos; window, or under Help, &apos;About this installation&apos;)? Only then does this code really belong to your school.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ja, dit is onze school en de vingerafdruk is gelijk</source>
        <translation>Yes, this is our school and the fingerprint matches</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Vul het adres van de server, de code en uw naam in.</source>
        <translation>Fill in the server address, the code and your name.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bezig met controleren…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>De code hoort bij &lt;b&gt;%1&lt;/b&gt;. Vingerafdruk van de school:</source>
        <translation>The code belongs to &lt;b&gt;%1&lt;/b&gt;. The school&apos;s fingerprint:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>De code kon niet worden gecontroleerd.</source>
        <translation>The code could not be checked.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Deze school gebruikt Overstap al: deze pc toevoegen</source>
        <translation>This school already uses Overstap: add this PC</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Opnieuw proberen</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Later koppelen</source>
        <translation>Link later</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Afronden zonder de jongeren van de school; koppelen kan later met een nieuwe code.</source>
        <translation>Finish without the school&apos;s young people; linking can be done later with a new code.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Bezig met koppelen aan %1. Laat op de andere pc het venster &apos;Pc toevoegen&apos; open staan: die pc controleert de code en geeft dan de sleutels van de school door.</source>
        <translation>Linking to %1. Leave the &apos;Add a PC&apos; window open on the other PC: that PC checks the code and then passes on the school&apos;s keys.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Deze pc hoort nu bij %1. De jongeren van de school komen binnen bij de eerste synchronisatie, na het afronden.</source>
        <translation>This PC now belongs to %1. The school&apos;s young people come in at the first synchronisation, after finishing.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Koppelen is niet gelukt.</source>
        <translation>Linking did not succeed.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Niet gekoppeld. Deze pc werkt nu op zichzelf, zonder de jongeren van de school. Koppelen kan later met een nieuwe code van de andere pc (&apos;handover join&apos; op de opdrachtregel).</source>
        <translation>Not linked. This PC now works on its own, without the school&apos;s young people. Linking can be done later with a new code from the other PC (&apos;handover join&apos; on the command line).</translation>
    </message>
</context>
<context>
    <name>JongerenPage</name>
    <message>
        <location filename="../../handover/ui/pages/jongeren.py" line="+87"/>
        <source>Jongeren</source>
        <translation>Young people</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Zoek op naam of klas…</source>
        <translation>Find by name or class…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoeken op naam of klas</source>
        <translation>Find by name or class</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cohort (jaar van vertrek)</source>
        <translation>Cohort (year of leaving)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+132"/>
        <source>Alle jaren</source>
        <translation>All years</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>Route na school</source>
        <translation>Route after school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alle routes</source>
        <translation>All routes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Overdrachtstatus</source>
        <translation>Handover status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alle statussen</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Alleen mijn jongeren</source>
        <translation>Only my young people</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nieuwe jongere</source>
        <translation>New young person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nieuwe jongere toevoegen</source>
        <translation>Add a new young person</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Lijst van jongeren</source>
        <translation>List of young people</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Jongeren &amp;overdragen aan een andere mentor…</source>
        <translation>&amp;Transfer young people to another mentor…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Aantal getoonde jongeren</source>
        <translation>Number of young people shown</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Vertrek in %1</source>
        <translation>Leaving in %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 jongeren</source>
        <translation>%1 young people</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 van %2 jongeren</source>
        <translation>%1 of %2 young people</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Actief (niet afgerond)</source>
        <translation>Active (not completed)</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>&amp;Mentor wijzigen…</source>
        <translation>Change &amp;mentor…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Jongere &amp;verwijderen…</source>
        <translation>&amp;Delete young person…</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>%1 jongeren · %2 afgerond (kies bij de status &apos;Alle statussen&apos; of &apos;Afgerond&apos;)</source>
        <translation>%1 young people · %2 completed (choose &apos;All statuses&apos; or &apos;Completed&apos; under status)</translation>
    </message>
</context>
<context>
    <name>KeyStoragePage</name>
    <message>
        <location filename="../../handover/ui/wizard/pages.py" line="+17"/>
        <source>Veilige opslag van de sleutel</source>
        <translation>Secure key storage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aanmaken</source>
        <translation>Create</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>De database wordt versleuteld met een willekeurige sleutel.</source>
        <translation>The database is encrypted with a random key.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✔ Deze computer heeft veilige sleutelopslag (Windows Referentiebeheer of vergelijkbaar). De sleutel wordt daar bewaard; u hoeft geen wachtwoord te onthouden.</source>
        <translation>✔ This computer has secure key storage (Windows Credential Manager or similar). The key is kept there; you do not need to remember a passphrase.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Deze computer heeft geen veilige sleutelopslag. Kies daarom een wachtwoord; dat vraagt Overstap bij elke start.</source>
        <translation>This computer has no secure key storage. Choose a passphrase instead; Overstap asks for it at every start.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wachtwoord</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Herhaal het wachtwoord</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Minstens 12 tekens, of vier woorden. Een zin van een paar woorden is sterk en goed te onthouden.</source>
        <translation>At least 12 characters, or four words. A sentence of a few words is strong and easy to remember.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>De twee wachtwoorden zijn niet gelijk.</source>
        <translation>The two passphrases are not the same.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../handover/ui/main_window.py" line="+105"/>
        <source>Kies een jongere in de lijst om het overstapdossier te openen.</source>
        <translation>Choose a young person in the list to open the handover file.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Navigatie</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vandaag</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jongeren</source>
        <translation>Young people</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Afspraken</source>
        <translation>Agreements</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Overstapdossier</source>
        <translation>Handover file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resultaten</source>
        <translation>Results</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Toestand van de gegevens</source>
        <translation>State of the data</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Versturen naar de gemeente</source>
        <translation>Sending to the municipality</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Versturen naar de gemeente: nog niet ingesteld</source>
        <translation>Sending to the municipality: not set up yet</translation>
    </message>
    <message>
        <location filename="../../handover/ui/menus.py" line="+18"/>
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Nieuwe jongere…</source>
        <translation>&amp;New young person…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dossier &amp;afdrukken…</source>
        <translation>&amp;Print file…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dossier opslaan als &amp;PDF…</source>
        <translation>Save file as P&amp;DF…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Lijst afdrukken…</source>
        <translation>Print &amp;list…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nu &amp;versturen naar de gemeente</source>
        <translation>&amp;Send to the municipality now</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Instellingen…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Afsluiten</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Be&amp;werken</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Zoeken</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Beel&amp;d</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Vandaag</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Jongeren</source>
        <translation>&amp;Young people</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Afspraken</source>
        <translation>&amp;Agreements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Overstapdossier</source>
        <translation>&amp;Handover file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resultaten</source>
        <translation>&amp;Results</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Vernieuwen</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Over deze installatie</source>
        <translation>&amp;About this installation</translation>
    </message>
    <message>
        <location filename="../../handover/ui/main_window.py" line="+95"/>
        <source>Bezig met laden…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 jongeren · versleuteld opgeslagen</source>
        <translation>%1 young people · stored encrypted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>overdracht: %1</source>
        <translation>handover: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>laatste wijziging opgeslagen om %1</source>
        <translation>last change saved at %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>demogegevens (worden na afsluiten gewist)</source>
        <translation>demo data (erased when you quit)</translation>
    </message>
    <message>
        <location line="+164"/>
        <location line="+25"/>
        <source>Afdrukken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Kies eerst een jongere in de lijst.</source>
        <translation>First choose a young person in the list.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Er staan geen jongeren in de lijst.</source>
        <translation>There are no young people in the list.</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Er ging iets mis op de achtergrond.</source>
        <translation>Something went wrong in the background.</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>De lijst kon niet worden geladen.</source>
        <translation>The list could not be loaded.</translation>
    </message>
</context>
<context>
    <name>Meldingen</name>
    <message>
        <location filename="../../handover/ui/failures.py" line="+42"/>
        <source>De schijf is vol. Maak ruimte vrij en probeer het opnieuw.</source>
        <translation>The disk is full. Free up some space and try again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Geen toegang tot %1. Kies een andere map of vraag de ICT-beheerder om toegang.</source>
        <translation>No access to %1. Choose another folder or ask your IT administrator for access.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Geen toegang tot een bestand. Vraag de ICT-beheerder om toegang.</source>
        <translation>No access to a file. Ask your IT administrator for access.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Het bestand %1 bestaat niet (meer).</source>
        <translation>The file %1 does not exist (any more).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Het bestand %1 kon niet worden gelezen of geschreven.</source>
        <translation>The file %1 could not be read or written.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Een bestand kon niet worden gelezen of geschreven.</source>
        <translation>A file could not be read or written.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>De gegevens waren even bezet. Probeer het zo opnieuw.</source>
        <translation>The data was busy for a moment. Try again shortly.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probeer het opnieuw. Blijft het misgaan, neem dan contact op met de ICT-beheerder.</source>
        <translation>Please try again. If it keeps failing, contact your IT administrator.</translation>
    </message>
</context>
<context>
    <name>MentorDialog</name>
    <message>
        <location filename="../../handover/ui/youth_dialogs.py" line="+229"/>
        <source>Mentor wijzigen</source>
        <translation>Change mentor</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wie is de mentor van %1?</source>
        <translation>Who is the mentor of %1?</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+11"/>
        <source>Mentor</source>
        <translation>Mentor</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Opslaan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Vul de naam van de mentor in.</source>
        <translation>Fill in the mentor&apos;s name.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>De mentor is niet gewijzigd.</source>
        <translation>The mentor was not changed.</translation>
    </message>
</context>
<context>
    <name>MentorHandover</name>
    <message>
        <location filename="../../handover/ui/mentor_handover.py" line="+16"/>
        <source>Jongeren &amp;overdragen aan een andere mentor…</source>
        <translation>&amp;Transfer young people to another mentor…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pc &amp;toevoegen…</source>
        <translation>&amp;Add a PC…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pc&apos;s van deze &amp;school…</source>
        <translation>&amp;This school&apos;s PCs…</translation>
    </message>
</context>
<context>
    <name>NewAgreementDialog</name>
    <message>
        <location filename="../../handover/ui/gemeente/agreements.py" line="-73"/>
        <source>Nieuwe afspraak</source>
        <translation>New agreement</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Met een datum</source>
        <translation>With a date</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wat</source>
        <translation>What</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wie (organisatie)</source>
        <translation>Who (organisation)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Persoon (mag leeg)</source>
        <translation>Person (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tot wanneer</source>
        <translation>By when</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Schrijf op wat er moet gebeuren.</source>
        <translation>Write down what needs to happen.</translation>
    </message>
</context>
<context>
    <name>NewYouthDialog</name>
    <message>
        <location filename="../../handover/ui/youth_dialogs.py" line="-247"/>
        <source>Nieuwe jongere</source>
        <translation>New young person</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Voornamen *</source>
        <translation>First names *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tussenvoegsel</source>
        <translation>Surname prefix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achternaam *</source>
        <translation>Last name *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geboortedatum *</source>
        <translation>Date of birth *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Klas</source>
        <translation>Class</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertrekdatum (verwacht)</source>
        <translation>Leaving date (expected)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>dd-mm-jjjj</source>
        <translation>dd-mm-yyyy</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+4"/>
        <source>Route na school</source>
        <translation>Route after school</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>(nog niet gekozen)</source>
        <translation>(not chosen yet)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Aanmaken en openen</source>
        <translation>Create and open</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+315"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-309"/>
        <source>Velden met * zijn verplicht. De rest vult u daarna in het overstapdossier in.</source>
        <translation>Fields marked * are required. You fill in the rest in the handover file afterwards.</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>De jongere is niet opgeslagen.</source>
        <translation>The young person was not saved.</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>Bestaande openen</source>
        <translation>Open the existing one</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>klas %1</source>
        <translation>class %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Let op: er staat al een jongere met deze naam en geboortedatum in de lijst: %1. Is het dezelfde jongere, open dan het bestaande dossier. Is het iemand anders, kies dan &apos;Toch aanmaken&apos;.</source>
        <translation>Note: a young person with this name and date of birth is already in the list: %1. If it is the same young person, open the existing file. If it is someone else, choose &apos;Create anyway&apos;.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Toch aanmaken</source>
        <translation>Create anyway</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>Jongere verwijderen</source>
        <translation>Delete young person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 en alles wat over deze jongere is vastgelegd verwijderen?</source>
        <translation>Delete %1 and everything recorded about this young person?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dit kan niet ongedaan worden gemaakt. Is het overstapdossier al naar Werk en Inkomen verstuurd, dan krijgt Werk en Inkomen bij het volgende versturen het bericht het te wissen. Wilt u alleen de begeleiding beëindigen? Zet de status dan op &apos;Afgerond&apos;.</source>
        <translation>This cannot be undone. If the handover file has already been sent to Work and Income, Work and Income is told to erase it the next time files are sent. Do you only want to end the support? Then set the status to &apos;Completed&apos;.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Verwijderen</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>%1 is verwijderd.</source>
        <translation>%1 has been deleted.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>De jongere is niet verwijderd.</source>
        <translation>The young person was not deleted.</translation>
    </message>
</context>
<context>
    <name>Opstarten</name>
    <message>
        <location filename="../../handover/ui/app.py" line="+177"/>
        <source>Demogegevens maken (verzonnen jongeren)…</source>
        <translation>Creating demo data (invented young people)…</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Het opgegeven wachtwoord klopt niet. Probeer het opnieuw.</source>
        <translation>The passphrase given is not correct. Please try again.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>De sleutel van deze gegevens staat niet op deze computer (bijvoorbeeld na een herinstallatie).</source>
        <translation>The key to this data is not on this computer (for example after a reinstall).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wilt u de toegang herstellen met de herstelcode?</source>
        <translation>Do you want to restore access with the recovery code?</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>De gegevens konden niet worden geopend.</source>
        <translation>The data could not be opened.</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <location filename="../../handover/ui/wizard/pages.py" line="-197"/>
        <source>Uw organisatie</source>
        <translation>Your organisation</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source>BRIN-code</source>
        <translation>BRIN code</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>bijvoorbeeld 12AB</source>
        <translation>for example 12AB</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+7"/>
        <source>Uw naam</source>
        <translation>Your name</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>De naam van de school staat op elk afgedrukt dossier.</source>
        <translation>The school&apos;s name appears on every printed file.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De naam van de gemeente staat op elk afgedrukt dossier.</source>
        <translation>The municipality&apos;s name appears on every printed file.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Naam van de school</source>
        <translation>Name of the school</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Naam van de gemeente</source>
        <translation>Name of the municipality</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../handover/ui/printing/preview.py" line="+90"/>
        <source>De printer kan niet worden geopend.</source>
        <translation>The printer cannot be opened.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Afdrukvoorbeeld overstapdossier</source>
        <translation>Handover file print preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Voorbeeld van de afdruk</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Voor de school (volledig)</source>
        <translation>For the school (complete)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Voor Werk en Inkomen (alleen met toestemming)</source>
        <translation>For Work and Income (only with consent)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A&amp;fschrift voor:</source>
        <translation>&amp;Copy for:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Afschrift voor:</source>
        <translation>Copy for:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>Het dossier wordt opgemaakt…</source>
        <translation>Laying out the file…</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Afdrukken…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opslaan als PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../handover/ui/printing/batch.py" line="+207"/>
        <location filename="../../handover/ui/printing/preview.py" line="+1"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../handover/ui/printing/preview.py" line="+52"/>
        <source>{pages} pagina&apos;s</source>
        <translation>{pages} pages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 pagina</source>
        <translation>1 page</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Overstapdossier</source>
        <translation>Handover file</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Afgedrukt: {pages} pagina&apos;s.</source>
        <translation>Printed: {pages} pages.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opslaan als PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../handover/ui/printing/batch.py" line="-69"/>
        <location filename="../../handover/ui/printing/preview.py" line="+2"/>
        <location line="+52"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../handover/ui/printing/preview.py" line="-32"/>
        <source>Opgeslagen als {name}.</source>
        <translation>Saved as {name}.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Overstapdossier opslaan als PDF</source>
        <translation>Save handover file as PDF</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Overstapdossier opgeslagen als {name}.</source>
        <translation>Handover file saved as {name}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Opslaan mislukt</source>
        <translation>Saving failed</translation>
    </message>
    <message>
        <location filename="../../handover/ui/printing/batch.py" line="-81"/>
        <source>Overstapdossiers afdrukken</source>
        <translation>Print handover files</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} overstapdossiers afdrukken als PDF.</source>
        <translation>Print {count} handover files as PDF.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 overstapdossier afdrukken als PDF.</source>
        <translation>Print 1 handover file as PDF.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Eén PDF-bestand met alle dossiers</source>
        <translation>One PDF file with all files</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Eén PDF-bestand per jongere, in een map</source>
        <translation>One PDF file per young person, in a folder</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Voor de school (volledig dossier)</source>
        <translation>For the school (complete file)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Voor Werk en Inkomen (alleen wat de toestemming dekt)</source>
        <translation>For Work and Income (only what the consent covers)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kies waar de PDF komt</source>
        <translation>Choose where the PDF goes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kiezen…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opmaak</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Voor wie</source>
        <translation>For whom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opslaan in</source>
        <translation>Save in</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Afdrukken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Alle dossiers opslaan als</source>
        <translation>Save all files as</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Map voor de dossiers</source>
        <translation>Folder for the files</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bezig met afdrukken…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Bezig met annuleren…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{done} van {total} dossiers…</source>
        <translation>{done} of {total} files…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Klaar: {count} dossiers opgeslagen.</source>
        <translation>Done: {count} files saved.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{skipped} overgeslagen: geen geldige toestemming.</source>
        <translation>{skipped} skipped: no valid consent.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Geannuleerd: er zijn geen bestanden gemaakt.</source>
        <translation>Cancelled: no files were made.</translation>
    </message>
    <message>
        <location filename="../../handover/ui/printing/preview.py" line="-270"/>
        <source>Het bestand is niet opgeslagen.</source>
        <translation>The file was not saved.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Het afdrukken is mislukt.</source>
        <translation>Printing failed.</translation>
    </message>
</context>
<context>
    <name>ReceivedDossierPage</name>
    <message>
        <location filename="../../handover/ui/gemeente/dossier.py" line="+132"/>
        <source>Opnieuw laden</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Intake plannen…</source>
        <translation>Plan intake…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Statusbericht…</source>
        <translation>Status message…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Afspraken…</source>
        <translation>Agreements…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Afdrukken…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Het ontvangen overstapdossier</source>
        <translation>The received handover file</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>Tijdlijn</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Nieuwe versie ontvangen (versie %1), met nieuws van school. Laad het dossier opnieuw om het te zien.</source>
        <translation>New version received (version %1), with news from the school. Reload the file to see it.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nieuwe versie ontvangen (versie %1). Laad het dossier opnieuw om de wijzigingen te zien.</source>
        <translation>New version received (version %1). Reload the file to see the changes.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nieuw van school ontvangen (contactmoment of afspraak). Laad het dossier opnieuw om het te zien.</source>
        <translation>News received from the school (check-in or agreement). Reload the file to see it.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Ontvangen van %1 · versie %2 · ontvangen op %3 · %4</source>
        <translation>Received from %1 · version %2 · received on %3 · %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✓ Sleutel van de school bevestigd (vingerafdruk vergeleken)</source>
        <translation>✓ School&apos;s key confirmed (fingerprint compared)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sleutel van de school nog niet bevestigd: vergelijk de vingerafdruk</source>
        <translation>School&apos;s key not confirmed yet: compare the fingerprint</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stand: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>intake op %1</source>
        <translation>intake on %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>klantmanager %1</source>
        <translation>case manager %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gewijzigd sinds versie %1: %2</source>
        <translation>Changed since version %1: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Nog niets.</source>
        <translation>Nothing yet.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Het dossier kon niet worden geopend.</source>
        <translation>The file could not be opened.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dossier niet te openen</source>
        <translation>File cannot be opened</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Afdrukken als PDF</source>
        <translation>Print as PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF-bestanden (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Opgeslagen als %1</source>
        <translation>Saved as %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Het PDF-bestand is niet opgeslagen.</source>
        <translation>The PDF file was not saved.</translation>
    </message>
</context>
<context>
    <name>ReceivedTableModel</name>
    <message>
        <location filename="../../handover/ui/gemeente/models.py" line="+62"/>
        <source>toestemming ingetrokken</source>
        <translation>consent withdrawn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nieuw</source>
        <translation>new</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nieuwe versie</source>
        <translation>new version</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>School</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertrek</source>
        <translation>Leaving</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Woonplaats</source>
        <translation>Place of residence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Klantmanager</source>
        <translation>Case manager</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Nieuw ontvangen, nog niet geopend</source>
        <translation>Newly received, not opened yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nieuwe versie ontvangen sinds u het dossier opende</source>
        <translation>New version received since you opened the file</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../handover/ui/dialogs.py" line="+95"/>
        <source>Toegang herstellen</source>
        <translation>Restore access</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Vul de herstelcode in die bij het aanmaken van de gegevens is afgedrukt of opgeslagen.</source>
        <translation>Enter the recovery code that was printed or saved when the data was created.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+3"/>
        <source>Herstelcode</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nieuw wachtwoord</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Herhaal het wachtwoord</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Herstellen</source>
        <translation>Recover</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Vul de herstelcode in.</source>
        <translation>Enter the recovery code.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>De twee wachtwoorden zijn niet gelijk.</source>
        <translation>The two passwords are not the same.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>De toegang is niet hersteld.</source>
        <translation>Access was not restored.</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <location filename="../../handover/ui/wizard/first_run.py" line="-153"/>
        <source>Uw herstelcode</source>
        <translation>Your recovery code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Met deze code krijgt u weer toegang tot de gegevens, bijvoorbeeld na een herinstallatie. Hij wordt maar één keer getoond.</source>
        <translation>With this code you regain access to the data, for example after a reinstall. It is shown only once.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bezig met aanmaken van de versleutelde gegevens…</source>
        <translation>Creating the encrypted data…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Herstelcode</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Afdrukken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+65"/>
        <source>Herstelcode afdrukken</source>
        <translation>Print recovery code</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Opslaan als PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+69"/>
        <source>Herstelcode opslaan als PDF</source>
        <translation>Save recovery code as PDF</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Ik heb de herstelcode bewaard</source>
        <translation>I have kept the recovery code</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bewaar de code op papier op een veilige plek, niet op deze computer.</source>
        <translation>Keep the code on paper in a safe place, not on this computer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>De gegevensmap is aangemaakt en versleuteld.</source>
        <translation>The data folder has been created and encrypted.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>De gegevensmap kon niet worden aangemaakt.</source>
        <translation>The data folder could not be created.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;h2&gt;Herstelcode Overstap&lt;/h2&gt;&lt;p&gt;&lt;b&gt;Organisatie:&lt;/b&gt; %1&lt;br&gt;&lt;b&gt;Gegevensmap:&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Aangemaakt op:&lt;/b&gt; %3&lt;/p&gt;&lt;p style=&apos;font-family: monospace; font-size: 16pt; border: 1px solid black; padding: 8px&apos;&gt;%4&lt;/p&gt;&lt;p&gt;Met deze code krijgt u weer toegang tot de versleutelde gegevens van Overstap, bijvoorbeeld na een herinstallatie van de computer. Bewaar dit blad op een veilige plek, bijvoorbeeld in de kluis van de school. Wie deze code en de gegevensmap heeft, kan de gegevens lezen.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Overstap recovery code&lt;/h2&gt;&lt;p&gt;&lt;b&gt;Organisation:&lt;/b&gt; %1&lt;br&gt;&lt;b&gt;Data folder:&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Created on:&lt;/b&gt; %3&lt;/p&gt;&lt;p style=&apos;font-family: monospace; font-size: 16pt; border: 1px solid black; padding: 8px&apos;&gt;%4&lt;/p&gt;&lt;p&gt;With this code you can regain access to Overstap&apos;s encrypted data, for example after the computer has been reinstalled. Keep this sheet in a safe place, for example in the school&apos;s safe. Anyone who has this code and the data folder can read the data.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>PDF-bestanden (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Opgeslagen als %1. Zet het bestand daarna op papier of een USB-stick, niet alleen op deze computer.</source>
        <translation>Saved as %1. Then put the file on paper or a USB stick, not only on this computer.</translation>
    </message>
</context>
<context>
    <name>RegioPage</name>
    <message>
        <location filename="../../handover/ui/results/regio.py" line="+187"/>
        <source>Regio: de scholen naast elkaar</source>
        <translation>Region: the schools side by side</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cijfers zonder namen die de scholen stuurden. Elk aantal onder 5 staat er als &quot;&lt;5&quot;. Een school die niets stuurde, staat er als &quot;geen cijfers ontvangen&quot; en telt niet mee.</source>
        <translation>Figures without names that the schools sent. Every count under 5 reads &quot;&lt;5&quot;. A school that sent nothing reads &quot;no figures received&quot; and is not counted.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Peildatum</source>
        <translation>Reference date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Peildatum:</source>
        <translation>&amp;Reference date:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vertrekjaar</source>
        <translation>Year of leaving</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Vertrekjaar:</source>
        <translation>&amp;Year of leaving:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Schoolsoort</source>
        <translation>School type</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Schoolsoort:</source>
        <translation>&amp;School type:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opslaan als &amp;CSV…</source>
        <translation>Save as &amp;CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opslaan als CSV</source>
        <translation>Save as CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De hele vergelijking opslaan voor Excel</source>
        <translation>Save the whole comparison for Excel</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cijfers per school en het totaal</source>
        <translation>Figures per school and the total</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Bezig</source>
        <translation>Busy</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Bezig met laden…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Er is nog geen school verbonden met deze gemeente.</source>
        <translation>No school is connected to this municipality yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Totaal over %1 van de %2 scholen.</source>
        <translation>Total over %1 of the %2 schools.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Geen cijfers ontvangen van: %1 (niet meegeteld, niet als nul).</source>
        <translation>No figures received from: %1 (not counted, not as zero).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;&lt;5&quot; telt in het totaal als 0 tot 4: dan staat er een bereik, zoals 37–45.</source>
        <translation>&quot;&lt;5&quot; counts as 0 to 4 in the total: it then shows a range, such as 37–45.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;x&quot; is ook verborgen (5 of meer), zodat een &quot;&lt;5&quot; niet uit het totaal van die school terug te rekenen is; in het totaal telt het als wat dat totaal ervoor overlaat.</source>
        <translation>&quot;x&quot; is hidden too (5 or more), so that a &quot;&lt;5&quot; cannot be worked back from that school&apos;s total; in the total it counts as what that total leaves for it.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>De cijfers van de regio konden niet worden geladen.</source>
        <translation>The figures of the region could not be loaded.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cijfers van de regio opslaan als CSV</source>
        <translation>Save the figures of the region as CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV-bestand voor Excel (*.csv)</source>
        <translation>CSV file for Excel (*.csv)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bezig met opslaan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opgeslagen als %1</source>
        <translation>Saved as %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>De cijfers zijn niet opgeslagen.</source>
        <translation>The figures were not saved.</translation>
    </message>
</context>
<context>
    <name>RegionTableModel</name>
    <message>
        <location line="-291"/>
        <source>%1: geen cijfers ontvangen voor deze peildatum</source>
        <translation>%1: no figures received for this reference date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cijfers ontvangen op %2</source>
        <translation>%1: figures received on %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cijfer</source>
        <translation>Figure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Totaal regio</source>
        <translation>Region total</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>geen cijfers ontvangen</source>
        <translation>no figures received</translation>
    </message>
</context>
<context>
    <name>Resultaten</name>
    <message>
        <location filename="../../handover/ui/results/charts.py" line="+32"/>
        <source>Na 1 jaar</source>
        <translation>After 1 year</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Na 2 jaar</source>
        <translation>After 2 years</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na %1 maanden</source>
        <translation>After %1 months</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 jaar</source>
        <translation>1 year</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2 jaar</source>
        <translation>2 years</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>½ jaar</source>
        <translation>½ year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 mnd</source>
        <translation>%1 mo</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+11"/>
        <source>Situatie per vertrekjaar</source>
        <translation>Situation per year of leaving</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Situatie per vertrekjaar · %1</source>
        <translation>Situation per year of leaving · %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: %2 meegeteld, %3 werk, school of dagbesteding</source>
        <translation>%1: %2 counted, %3 work, school or day activities</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+71"/>
        <source>Nog geen cijfers op dit moment</source>
        <translation>No figures at this moment yet</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Werk, school of dagbesteding in de tijd</source>
        <translation>Work, school or day activities over time</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 na vertrek</source>
        <translation>%1 after leaving</translation>
    </message>
    <message>
        <location filename="../../handover/ui/results/model.py" line="-187"/>
        <source>Werk</source>
        <translation>Work</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>School</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dagbesteding</source>
        <translation>Day activities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Traject naar werk</source>
        <translation>Route to work</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nog geen werk, school of dagbesteding</source>
        <translation>No work, school or day activities yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verhuisd of buitenland</source>
        <translation>Moved or abroad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nog niet bereikt</source>
        <translation>Not reached yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anders</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Werk, school of dagbesteding</source>
        <translation>Work, school or day activities</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Vertrokken</source>
        <translation>Leavers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meegeteld op dit moment</source>
        <translation>Counted at this moment</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stabiel (6 maanden of langer)</source>
        <translation>Stable (6 months or longer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bereikt na vertrek</source>
        <translation>Reached after leaving</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Intake Werk en Inkomen binnen 3 maanden</source>
        <translation>Intake at Work and Income within 3 months</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contactmomenten op tijd</source>
        <translation>Check-ins on time</translation>
    </message>
</context>
<context>
    <name>ResultatenPage</name>
    <message>
        <location filename="../../handover/ui/results/resultaten.py" line="+73"/>
        <source>Resultaten: hoe gaat het met onze oud-leerlingen?</source>
        <translation>Results: how are our former students doing?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Moment</source>
        <translation>Moment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na 6, 12 of 24 maanden, of een peildatum (1 november)</source>
        <translation>After 6, 12 or 24 months, or a reference date (1 November)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Moment:</source>
        <translation>&amp;Moment:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Schoolsoort</source>
        <translation>School type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alle schoolsoorten</source>
        <translation>All school types</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Schoolsoort:</source>
        <translation>&amp;School type:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opslaan als &amp;CSV…</source>
        <translation>Save as &amp;CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opslaan als CSV</source>
        <translation>Save as CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De cijfers opslaan voor Excel: voor de school of voor de gemeente</source>
        <translation>Save the figures for Excel: for the school or for the municipality</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Voor de school (echte aantallen)…</source>
        <translation>For the school (real numbers)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Voor de gemeente (zonder namen, aantallen onder 5 als &lt;5)…</source>
        <translation>For the municipality (no names, counts under 5 as &lt;5)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opslaan als &amp;PDF…</source>
        <translation>Save as &amp;PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opslaan als PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Het cijferrapport als PDF, met de grafieken</source>
        <translation>The figures report as PDF, with the charts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Versturen naar de gemeente…</source>
        <translation>Se&amp;nd to the municipality…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+301"/>
        <source>Versturen naar de gemeente</source>
        <translation>Send to the municipality</translation>
    </message>
    <message>
        <location line="-299"/>
        <source>De cijfers zonder namen naar de contactgemeente sturen, voor de vergelijking in de regio</source>
        <translation>Send the figures without names to the contact municipality, for the regional comparison</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Tabel met de cijfers per vertrekjaar</source>
        <translation>Table of the figures per year of leaving</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Bezig</source>
        <translation>Busy</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Bezig met berekenen…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>De cijfers konden niet worden berekend.</source>
        <translation>The figures could not be calculated.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Peildatum 1 november %1</source>
        <translation>Reference date 1 November %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Schoolsoort onbekend</source>
        <translation>School type unknown</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 oud-leerlingen in %2 vertrekjaren · berekend op %3 uit de contactmomenten</source>
        <translation>%1 former students in %2 years of leaving · calculated on %3 from the check-ins</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nog geen oud-leerlingen om te tellen: de cijfers beginnen als de eerste jongeren van school zijn.</source>
        <translation>No former students to count yet: the figures begin once the first young people have left school.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nog geen uitwisseling met Werk en Inkomen: geen cijfer voor de intake</source>
        <translation>no exchange with Work and Income yet: no figure for the intake</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Cijfers opslaan als CSV</source>
        <translation>Save figures as CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV-bestand voor Excel (*.csv)</source>
        <translation>CSV file for Excel (*.csv)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bezig met opslaan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cijferrapport opslaan als PDF</source>
        <translation>Save figures report as PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bezig met het rapport…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opgeslagen als %1</source>
        <translation>Saved as %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>De cijfers zijn niet opgeslagen.</source>
        <translation>The figures were not saved.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Dit gaat naar de contactgemeente, voor de vergelijking van de scholen in de regio:

• per vertrekjaar en schoolsoort: hoeveel oud-leerlingen er zijn en in welke situatie, op peildatum %1 en na 6, 12 en 24 maanden;
• de percentages stabiel, bereikt, intake bij Werk en Inkomen en contactmomenten op tijd.

Er gaan geen namen, geen geboortedata en geen leerlingnummers mee. Elk aantal onder 5 staat er als &quot;&lt;5&quot;, zodat niemand te herkennen is.

Versturen?</source>
        <translation>This goes to the contact municipality, to compare the schools in the region:

• per year of leaving and school type: how many former students there are and in which situation, on reference date %1 and after 6, 12 and 24 months;
• the percentages stable, reached, intake at Work and Income and check-ins on time.

No names, no dates of birth and no student numbers go with it. Every count under 5 reads &quot;&lt;5&quot;, so nobody can be recognised.

Send?</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Er is nog geen peildatum (1 november) met cijfers om te versturen.</source>
        <translation>There is no reference date (1 November) with figures to send yet.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Deze installatie is nog niet verbonden met de gemeente (Bestand › Instellingen › Verbinden met de gemeente). De cijfers kunt u wel opslaan als CSV.</source>
        <translation>This installation is not connected to the municipality yet (File › Settings › Connect to the municipality). You can still save the figures as CSV.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cijfers versturen naar de gemeente</source>
        <translation>Send figures to the municipality</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Versturen</source>
        <translation>Send</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Bezig met versturen…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>De cijfers van peildatum %1 staan klaar voor de gemeente; ze gaan mee met de volgende verzending.</source>
        <translation>The figures of reference date %1 are ready for the municipality; they go with the next sending.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>De cijfers zijn niet verstuurd.</source>
        <translation>The figures were not sent.</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <location filename="../../handover/ui/retention_dialog.py" line="+45"/>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Klas</source>
        <translation>Class</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertrokken</source>
        <translation>Left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bewaartermijn voorbij sinds</source>
        <translation>Retention period over since</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+77"/>
        <source>Bewaartermijn</source>
        <translation>Retention period</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>Een overstapdossier wordt bewaard tot twee jaar na het vertrek, plus de rest van dat schooljaar. Daarna vraagt de wet (AVG) om het te anonimiseren of te wissen. Anonimiseren houdt route, vertrekjaar en situaties over voor de cijfers; wissen haalt alles weg. In beide gevallen verdwijnen ook de versleutelde kopieën in de verzendwachtrij.</source>
        <translation>A handover file is kept until two years after leaving, plus the rest of that school year. After that the law (GDPR) requires it to be anonymised or erased. Anonymising keeps the route, year of leaving and situations for the figures; erasing removes everything. In both cases the encrypted copies in the send queue disappear too.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Dossiers voorbij de bewaartermijn</source>
        <translation>Files past the retention period</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Anonimiseren (aanbevolen)</source>
        <translation>&amp;Anonymise (recommended)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Wissen</source>
        <translation>&amp;Erase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bezig met laden…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Uitvoeren…</source>
        <translation>&amp;Carry out…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 dossiers zijn voorbij de bewaartermijn.</source>
        <translation>%1 files are past the retention period.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Geen dossiers voorbij de bewaartermijn.</source>
        <translation>No files past the retention period.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>anonimiseren</source>
        <translation>anonymise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>wissen</source>
        <translation>erase</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Weet u zeker dat u %1 dossiers wilt %2? Dit kan niet ongedaan worden gemaakt.</source>
        <translation>Are you sure you want to %2 %1 files? This cannot be undone.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>geanonimiseerd</source>
        <translation>anonymised</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>gewist</source>
        <translation>erased</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 dossiers %2.</source>
        <translation>%1 files %2.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Er ging iets mis; er is niets half gewist.</source>
        <translation>Something went wrong; nothing was half erased.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Bewaartermijn…</source>
        <translation>&amp;Retention period…</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <location filename="../../handover/ui/wizard/pages.py" line="-60"/>
        <source>Welkom bij Overstap</source>
        <translation>Welcome to Overstap</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overstap bewaart overstapdossiers en de begeleiding na school, versleuteld op deze computer. Eerst een paar vragen.</source>
        <translation>Overstap keeps handover files and continued support after school, encrypted on this computer. First a few questions.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>School (praktijkonderwijs of voortgezet speciaal onderwijs)</source>
        <translation>School (practical education or special secondary education)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gemeente (Werk en Inkomen)</source>
        <translation>Municipality (Work and Income)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Voor wie werkt u?</source>
        <translation>Who do you work for?</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../handover/ui/send_dialog.py" line="+31"/>
        <source>Versturen naar Werk en Inkomen</source>
        <translation>Send to Work and Income</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dit gaat versleuteld naar Werk en Inkomen, volgens de toestemming van de jongere:</source>
        <translation>This goes to Work and Income, encrypted, as the young person&apos;s consent allows:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Onderdelen per gemeente</source>
        <translation>Sections per municipality</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Latere wijzigingen binnen de toestemming gaan daarna automatisch mee.</source>
        <translation>Later changes within the consent are then sent automatically.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latere wijzigingen gaan pas mee als u opnieuw verstuurt.</source>
        <translation>Later changes are only sent when you send again.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Versturen</source>
        <translation>Send</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: kan niet worden verstuurd (%2)</source>
        <translation>%1: cannot be sent (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>met gezondheidsgegevens (aparte toestemming)</source>
        <translation>with health details (separate consent)</translation>
    </message>
</context>
<context>
    <name>SendFlow</name>
    <message>
        <location filename="../../handover/ui/send_flow.py" line="+89"/>
        <source>Versturen naar Werk en Inkomen is mislukt.</source>
        <translation>Sending to Work and Income failed.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Deze installatie is nog niet verbonden met de gemeente (Instellingen → Verbinden met de gemeente); er kan nog niets worden verstuurd.</source>
        <translation>This installation is not connected to the municipality yet (Settings → Connect to the municipality); nothing can be sent yet.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Het dossier gaat nu naar Werk en Inkomen; latere wijzigingen gaan automatisch mee.</source>
        <translation>The file is now going to Work and Income; later changes follow automatically.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../handover/ui/dialogs.py" line="-368"/>
        <source>Instellingen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gegevens van de school</source>
        <translation>School details</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Naam van de school of gemeente</source>
        <translation>Name of the school or municipality</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>BRIN-code</source>
        <translation>BRIN code</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+6"/>
        <source>Uw naam</source>
        <translation>Your name</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Werk en Inkomen van de gemeente (ontvanger)</source>
        <translation>The municipality&apos;s Work and Income (recipient)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Naam van de school</source>
        <translation>Name of the school</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Werk en Inkomen van de gemeente</source>
        <translation>The municipality&apos;s Work and Income</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Rol op deze pc</source>
        <translation>Role on this PC</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Mentor: eerst alleen mijn jongeren</source>
        <translation>Mentor: only my young people first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coördinator: alle jongeren</source>
        <translation>Coordinator: all young people</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <source>Mijn naam als mentor</source>
        <translation>My name as mentor</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>zoals in de dossiers (leeg: uw naam)</source>
        <translation>as in the files (empty: your name)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contactmomenten</source>
        <translation>Check-ins</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Plan van contactmomenten in maanden ten opzichte van de vertrekdatum</source>
        <translation>Check-in plan in months relative to the leaving date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Maanden voor (negatief) en na de vertrekdatum, gescheiden door komma&apos;s.</source>
        <translation>Months before (negative) and after the leaving date, separated by commas.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Verbinding met de gemeente en de pc&apos;s van de school</source>
        <translation>Connection with the municipality and the school&apos;s PCs</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+6"/>
        <source>Maanden rond vertrek</source>
        <translation>Months around leaving</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bijvoorbeeld: -9, -3, 0, 1, 3, 6, 12, 18, 24</source>
        <translation>For example: -9, -3, 0, 1, 3, 6, 12, 18, 24</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> maanden</source>
        <translation> months</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+4"/>
        <source>Uit beeld na</source>
        <translation>Out of sight after</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Op Vandaag staat onder &apos;Uit beeld&apos; wie zo lang niet is bereikt</source>
        <translation>Today lists under &apos;Out of sight&apos; who has not been reached for this long</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Afdrukken en taal</source>
        <translation>Printing and language</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BSN volledig afdrukken (anders alleen de laatste drie cijfers)</source>
        <translation>Print the full BSN (otherwise only the last three digits)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>Taal</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Een andere taal gaat in bij de volgende start.</source>
        <translation>A different language takes effect at the next start.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verbinden met de gemeente…</source>
        <translation>Connect to the municipality…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pc toevoegen…</source>
        <translation>Add a PC…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pc&apos;s van deze school…</source>
        <translation>This school&apos;s PCs…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Opslaan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Geef minstens één contactmoment op.</source>
        <translation>Enter at least one check-in.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gebruik alleen hele getallen, gescheiden door komma&apos;s.</source>
        <translation>Use whole numbers only, separated by commas.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>De naam van de school en uw naam zijn verplicht.</source>
        <translation>The school&apos;s name and your name are required.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>De instellingen zijn niet opgeslagen.</source>
        <translation>The settings were not saved.</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../handover/ui/gemeente/dialogs.py" line="+19"/>
        <source>Statusbericht aan de school</source>
        <translation>Status message to the school</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Intake gepland</source>
        <translation>Intake planned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route gekozen</source>
        <translation>Route chosen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Klantmanager toegewezen</source>
        <translation>Case manager assigned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Begeleiding afgerond</source>
        <translation>Support completed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bijvoorbeeld: route werk, via jobcoach</source>
        <translation>For example: route work, with a job coach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bericht</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Korte toelichting (mag leeg)</source>
        <translation>Short explanation (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De school ziet dit bericht met uw naam, ondertekend en versleuteld.</source>
        <translation>The school sees this message with your name, signed and encrypted.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../handover/ui/sync_status.py" line="+114"/>
        <source>Versturen naar de gemeente: nog niet ingesteld</source>
        <translation>Sending to the municipality: not set up yet</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bezig met versturen</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../handover/ui/gemeente/screenshot.py" line="+49"/>
        <location filename="../../handover/ui/screenshots.py" line="+108"/>
        <location line="+167"/>
        <location filename="../../handover/ui/sync_status.py" line="+26"/>
        <source>Alles verstuurd</source>
        <translation>Everything sent</translation>
    </message>
    <message>
        <location filename="../../handover/ui/sync_status.py" line="-114"/>
        <source>wacht</source>
        <translation>is waiting</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>wachten</source>
        <translation>are waiting</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verstuurd; %1 %2: %3</source>
        <translation>Sent; %1 %2: %3</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Deze pc is ingetrokken: hij hoort niet meer bij de school en kan niet meer synchroniseren. De gegevens op deze pc blijven bewaard; beslis zelf wat ermee gebeurt.</source>
        <translation>This PC has been revoked: it no longer belongs to the school and can no longer synchronise. The data on this PC is kept; decide for yourself what happens to it.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Wacht op verbinding</source>
        <translation>Waiting for a connection</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fout: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Versturen naar de gemeente is mislukt.</source>
        <translation>Sending to the municipality failed.</translation>
    </message>
</context>
<context>
    <name>TodayCard</name>
    <message>
        <location filename="../../handover/ui/pages/vandaag.py" line="+264"/>
        <source>bezig met laden…</source>
        <translation>loading…</translation>
    </message>
</context>
<context>
    <name>TodayListModel</name>
    <message>
        <location filename="../../handover/ui/models/today.py" line="+58"/>
        <source>Jongere</source>
        <translation>Young person</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>klik om te sluiten</source>
        <translation>click to collapse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>klik om te openen</source>
        <translation>click to expand</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1, te laat</source>
        <translation>%1, overdue</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../handover/ui/dialogs.py" line="+56"/>
        <source>Overstap openen</source>
        <translation>Open Overstap</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deze gegevens zijn beveiligd met een wachtwoord. Vul het wachtwoord in.</source>
        <translation>This data is protected with a passphrase. Enter the passphrase.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gegevensmap: %1</source>
        <translation>Data folder: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+9"/>
        <source>Wachtwoord</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Openen</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Vul het wachtwoord in.</source>
        <translation>Enter the passphrase.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bezig met openen…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Het wachtwoord klopt niet. Controleer hoofdletters en probeer het opnieuw.</source>
        <translation>The passphrase is not correct. Check capital letters and try again.</translation>
    </message>
</context>
<context>
    <name>Vandaag</name>
    <message>
        <location filename="../../handover/ui/pages/vandaag.py" line="-195"/>
        <source>ouder dan %n maanden</source>
        <translation>older than %n months</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Geprobeerd op %1 door %2</source>
        <translation>Tried on %1 by %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nog niet geprobeerd (mentor: %1)</source>
        <translation>Not tried yet (mentor: %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Niet bereikt sinds vertrek (%1)</source>
        <translation>Not reached since leaving (%1)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nog geen situatie bekend</source>
        <translation>No situation known yet</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Verhuisd: nieuwe toestemming nodig</source>
        <translation>Moved: a new consent is needed</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kies de ontvanger</source>
        <translation>Choose the recipient</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 · gewijzigd door %2</source>
        <translation>%1 · changed by %2</translation>
    </message>
</context>
<context>
    <name>VandaagPage</name>
    <message>
        <location line="+106"/>
        <source>Contactmomenten deze week</source>
        <translation>Check-ins this week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deze week staan er geen contactmomenten.</source>
        <translation>There are no check-ins this week.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Contactmoment</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>Gepland op</source>
        <translation>Planned for</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Contactmomenten te laat</source>
        <translation>Overdue check-ins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Er zijn geen contactmomenten te laat.</source>
        <translation>No check-ins are overdue.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Alle afspraken liggen op schema.</source>
        <translation>All agreements are on schedule.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wie doet wat</source>
        <translation>Who does what</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Verlopen afspraken</source>
        <translation>Overdue agreements</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tot wanneer</source>
        <translation>By when</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Uit beeld</source>
        <translation>Out of sight</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Iedereen is in de ingestelde tijd (Instellingen) nog bereikt.</source>
        <translation>Everyone has been reached within the set time (Settings).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wie probeerde het</source>
        <translation>Who tried</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laatst bereikt</source>
        <translation>Last reached</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Begeleiding afronden</source>
        <translation>Complete support</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Niemand is aan het eind van de twee jaar begeleiding.</source>
        <translation>Nobody has reached the end of the two years of support.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laatste situatie</source>
        <translation>Latest situation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na 2 jaar op</source>
        <translation>2 years up on</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wacht op toestemming</source>
        <translation>Waiting for consent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geen dossiers die op toestemming wachten.</source>
        <translation>No files are waiting for consent.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertrekdatum</source>
        <translation>Leaving date</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nieuw van Werk en Inkomen</source>
        <translation>New from Work and Income</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geen nieuws van Werk en Inkomen in de afgelopen 30 dagen.</source>
        <translation>No news from Work and Income in the last 30 days.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Wat</source>
        <translation>What</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Op</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Conflicten tussen pc&apos;s</source>
        <translation>Conflicts between PCs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geen conflicten tussen de pc&apos;s van de school.</source>
        <translation>No conflicts between the school&apos;s PCs.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Laatst gewijzigd</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vraagt aandacht</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Niemand vraagt nu extra aandacht.</source>
        <translation>Nobody needs extra attention right now.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waarom</source>
        <translation>Why</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Volgend contact</source>
        <translation>Next contact</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Nog niet bereikt</source>
        <translation>Not reached yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Iedereen is bij het laatste contact bereikt.</source>
        <translation>Everyone was reached at the last check-in.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vaste contactpersoon</source>
        <translation>Fixed contact person</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vandaag</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1 · wat er nu aandacht vraagt</source>
        <translation>%1 · what needs attention now</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>kon niet worden geladen</source>
        <translation>could not be loaded</translation>
    </message>
</context>
<context>
    <name>YouthTableModel</name>
    <message>
        <location filename="../../handover/ui/models/youth.py" line="+76"/>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Route na school</source>
        <translation>Route after school</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertrekdatum</source>
        <translation>Leaving date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volgend contactmoment</source>
        <translation>Next check-in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vaste contactpersoon</source>
        <translation>Fixed contact person</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>Dit contactmoment is te laat.</source>
        <translation>This check-in is overdue.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>te laat</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>binnenkort</source>
        <translation>soon</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>Klas</source>
        <translation>Class</translation>
    </message>
</context>
<context>
    <name>_WriteDialog</name>
    <message>
        <location filename="../../handover/ui/gemeente/dialogs.py" line="-79"/>
        <source>Niet verstuurd.</source>
        <translation>Not sent.</translation>
    </message>
</context>
</TS>
