<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name></name>
    <message>
        <location filename="../../handover/ui/checkins/dialogs.py" line="+51"/>
        <location filename="../../handover/ui/editor/consent.py" line="+102"/>
        <location filename="../../handover/ui/editor/lists.py" line="+312"/>
        <source>Annuleren</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Voor: %1 (gepland op %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Een extra contactmoment, buiten het plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contactmoment vastleggen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../handover/ui/editor/consent.py" line="-1"/>
        <source>Vastleggen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Een contactmoment kan niet in de toekomst zijn gehouden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Het volgende contact ligt na vandaag.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Alleen bij &apos;Nog geen werk, school of dagbesteding&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Niet bereikt: de situatie blijft &apos;Nog niet bereikt&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Kies een reden bij &apos;Nog geen werk, school of dagbesteding&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Extra contactmoment plannen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan een extra contactmoment als de situatie verandert of er een zorg is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Plannen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan het contactmoment vandaag of later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../handover/ui/checkins/panel.py" line="+73"/>
        <source>Contactmoment</source>
        <translation type="unfinished">Check-in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gepland op</source>
        <translation type="unfinished">Planned for</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gehouden op</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kanaal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Situatie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tijdlijn van contactmomenten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Contactmoment &amp;vastleggen…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legt het gekozen contactmoment vast, of anders het huidige.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xtra contactmoment plannen…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Situatie door de tijd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Geen contactmoment gepland.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vul de einddatum (onderdeel C) in: daaruit volgt het plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Volgende contactmoment: %1 op %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nog geen situatie bekend uit een contactmoment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, stabiel sinds %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nog geen gehouden contactmomenten met een situatie.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Kies een contactmoment om de gegevens te zien; dubbelklik op een open contactmoment om het vast te leggen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: gepland op %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: gehouden op %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Notities: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/commands.py" line="+82"/>
        <source>%1 toevoegen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <location filename="../../handover/ui/editor/lists.py" line="+73"/>
        <source>%1 verwijderen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/consent.py" line="-41"/>
        <source>Toestemming vastleggen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vanaf 16 jaar geeft de jongere zelf toestemming; daaronder een ouder of wettelijk vertegenwoordiger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>wordt berekend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Welke onderdelen mogen mee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Persoonsgegevens (A) en de overdrachtstatus (K) gaan altijd mee.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Een overstapdossier verlaat de school alleen met geldige toestemming voor die ontvanger. Intrekken stopt het versturen en de ontvanger krijgt bericht.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Gegeven door</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Naam</source>
        <translation type="unfinished">Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leeftijd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ontvanger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Doel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vorm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onderdelen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gezondheid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../handover/ui/editor/fields.py" line="+72"/>
        <location filename="../../handover/ui/editor/lists.py" line="-239"/>
        <source>Ja</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../handover/ui/editor/fields.py" line="+0"/>
        <location filename="../../handover/ui/editor/lists.py" line="+0"/>
        <source>Nee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+86"/>
        <source>Geldig</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Toestemmingen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Toestemming vastleggen…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toestemming intrekken…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Inzage door de jongere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+58"/>
        <source>Alleen nodig als de jongere het niet eens is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Inzage vastleggen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>✓ Geldige toestemming voor %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nog geen geldige toestemming voor %1: het dossier wordt niet verstuurd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>de gemeente</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: eens met de inhoud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: niet eens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Eerdere inzage: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De jongere heeft het dossier nog niet ingezien.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Ingetrokken op %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Toestemming intrekken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De toestemming van %1 voor %2 intrekken? Het dossier wordt dan niet meer verstuurd en de ontvanger krijgt bericht.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Intrekken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Niet intrekken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Geef aan waarmee de jongere het niet eens is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/fields.py" line="+50"/>
        <source>Melding bij %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <location filename="../../handover/ui/editor/lists.py" line="+78"/>
        <source>(niet ingevuld)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kies…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../handover/ui/editor/lists.py" line="+11"/>
        <source>dd-mm-jjjj</source>
        <translation type="unfinished">dd-mm-yyyy</translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/lists.py" line="-58"/>
        <location line="+155"/>
        <source>&apos;Verlopen&apos; volgt vanzelf uit de deadline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Nieuw: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Toevoegen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1 toevoegen…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verwijderen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Dubbelklik of F2: wijzigen · Insert: toevoegen · Delete: verwijderen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../handover/ui/editor/page.py" line="+173"/>
        <source>Onderdelen van het dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sneltoets: Alt + letter van het onderdeel; Alt+M voor contactmomenten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kies een jongere om het overstapdossier te openen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Contactmomenten</source>
        <translation type="unfinished">Check-ins</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Ge&amp;zien</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aandachtspunt gezien</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Overdrachtstatus</source>
        <translation type="unfinished">Handover status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Status wijzigen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdrachtstatus wijzigen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sluiten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossier sluiten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Gezondheid kan alleen worden ingevuld als er geldige toestemming is die ook gezondheidsgegevens omvat (onderdeel J, Toestemming).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&apos;Verstuurd&apos; en &apos;Ontvangen door Werk en Inkomen&apos; worden gezet bij het versturen naar de gemeente en door de ontvangstbevestiging, nooit met de hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Alt+%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+14"/>
        <source>&amp;Ongedaan maken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+14"/>
        <source>O&amp;pnieuw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-3"/>
        <source>&amp;Ongedaan maken: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>O&amp;pnieuw: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Openen…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+161"/>
        <location line="+182"/>
        <source>Opslaan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-180"/>
        <source>Opgeslagen; %n veld(en) nog niet geldig (bewaard als concepttekst)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alles opgeslagen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Niet opgeslagen: %1</source>
        <translation type="unfinished">Not saved: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Dit dossier kan niet worden geopend: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Gewijzigd op %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Eerst toestemming vastleggen die ook gezondheidsgegevens omvat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 te laat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 contactmoment(en) te laat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Volgende contactmoment op %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>geboren %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>klas %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vertrek %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mentor %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vraagt aandacht: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overstapdossier – %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Compleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nog nodig: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Overdrachtstatus: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Huidige status: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Zet op &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Huidige status: %1 (Alt+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>De status verandert nu alleen door het versturen of de ontvangst.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kies precies één vaste contactpersoon (vink de kolom &apos;Vaste contactpersoon&apos; aan).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Gezondheidsgegevens mogen alleen worden vastgelegd met toestemming die gezondheid omvat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+188"/>
        <source>%1 verwijderd; ongedaan maken met Ctrl+Z.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../handover/ui/dialogs.py" line="+316"/>
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Overstapdossiers en begeleiding na school voor scholen voor praktijkonderwijs en voortgezet speciaal onderwijs, samen met Werk en Inkomen van de gemeente.&lt;/p&gt;&lt;p&gt;De gegevens staan versleuteld op deze computer.&lt;br&gt;Gegevensmap: %3&lt;/p&gt;&lt;p&gt;Licentie: EUPL-1.2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Handover files and continued support after school for practical education and special secondary education schools, together with the municipality&apos;s Work and Income.&lt;/p&gt;&lt;p&gt;The data is stored encrypted on this computer.&lt;br&gt;Data folder: %3&lt;/p&gt;&lt;p&gt;Licence: EUPL-1.2&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Over Overstap</source>
        <translation>About Overstap</translation>
    </message>
</context>
<context>
    <name>AfsprakenPage</name>
    <message>
        <location filename="../../handover/ui/pages/afspraken.py" line="+49"/>
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
        <location line="+5"/>
        <source>Alleen verlopen</source>
        <translation>Only overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alleen afspraken over de deadline</source>
        <translation>Only agreements past their deadline</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+6"/>
        <source>Organisatie:</source>
        <translation>Organisation:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Lijst van afspraken</source>
        <translation>List of agreements</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>De afspraken konden niet worden geladen.</source>
        <translation>The agreements could not be loaded.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 afspraken</source>
        <translation>%1 agreements</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Bezig met opslaan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+12"/>
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
        <location filename="../../handover/ui/models.py" line="+420"/>
        <source>Jongere</source>
        <translation>Young person</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wie doet wat</source>
        <translation>Who does what</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Organisatie</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Persoon</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tot wanneer</source>
        <translation>By when</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../handover/ui/wizard.py" line="+400"/>
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
        <location line="-253"/>
        <source>Waar de gegevens staan</source>
        <translation>Where the data lives</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kies een map op deze computer. Alles in deze map wordt versleuteld opgeslagen. Kies geen gedeelde netwerkmap.</source>
        <translation>Choose a folder on this computer. Everything in it is stored encrypted. Do not choose a shared network folder.</translation>
    </message>
    <message>
        <location line="+4"/>
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
</context>
<context>
    <name>JongerenPage</name>
    <message>
        <location filename="../../handover/ui/pages/jongeren.py" line="+66"/>
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
        <location line="+88"/>
        <source>Alle jaren</source>
        <translation>All years</translation>
    </message>
    <message>
        <location line="-84"/>
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
        <location line="+1"/>
        <source>Alle statussen</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+16"/>
        <source>Lijst van jongeren</source>
        <translation>List of young people</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Aantal getoonde jongeren</source>
        <translation>Number of young people shown</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Vertrek in %1</source>
        <translation>Leaving in %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 jongeren</source>
        <translation>%1 young people</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 van %2 jongeren</source>
        <translation>%1 of %2 young people</translation>
    </message>
</context>
<context>
    <name>KeyStoragePage</name>
    <message>
        <location filename="../../handover/ui/wizard.py" line="+15"/>
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
        <location line="+1"/>
        <source>✔ Deze computer heeft veilige sleutelopslag (Windows Referentiebeheer of vergelijkbaar). De sleutel wordt daar bewaard; u hoeft geen wachtwoord te onthouden.</source>
        <translation>✔ This computer has secure key storage (Windows Credential Manager or similar). The key is kept there; you do not need to remember a passphrase.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Deze computer heeft geen veilige sleutelopslag. Kies daarom een wachtwoord; dat vraagt Overstap bij elke start.</source>
        <translation>This computer has no secure key storage. Choose a passphrase instead; Overstap asks for it at every start.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wachtwoord</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Herhaal het wachtwoord</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Minstens %1 tekens. Een zin van een paar woorden is sterk en goed te onthouden.</source>
        <translation>At least %1 characters. A sentence of a few words is strong and easy to remember.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Het wachtwoord is te kort (minstens %1 tekens).</source>
        <translation>The passphrase is too short (at least %1 characters).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De twee wachtwoorden zijn niet gelijk.</source>
        <translation>The two passphrases are not the same.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../handover/ui/main_window.py" line="+109"/>
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
        <location line="+14"/>
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
        <location line="+35"/>
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Nieuwe jongere…</source>
        <translation>&amp;New young person…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dossier &amp;afdrukken…</source>
        <translation>&amp;Print file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossier opslaan als &amp;PDF…</source>
        <translation>Save file as P&amp;DF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lijst afdrukken…</source>
        <translation>Print &amp;list…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nu &amp;versturen naar de gemeente</source>
        <translation>&amp;Send to the municipality now</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Instellingen…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Afsluiten</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Afdrukken is in deze versie nog niet beschikbaar.</source>
        <translation>Printing is not available in this version yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Be&amp;werken</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Zoeken</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Beel&amp;d</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Vandaag</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <location line="+6"/>
        <source>&amp;Vernieuwen</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Over Overstap</source>
        <translation>&amp;About Overstap</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>De lijst kon niet worden geladen (%1).</source>
        <translation>The list could not be loaded (%1).</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+4"/>
        <source>laatste wijziging opgeslagen om %1</source>
        <translation>last change saved at %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>demogegevens (worden na afsluiten gewist)</source>
        <translation>demo data (erased when you quit)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Er ging iets mis op de achtergrond (%1).</source>
        <translation>Something went wrong in the background (%1).</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Het overstapdossier kan in deze versie nog niet worden geopend.</source>
        <translation>The handover file cannot be opened in this version yet.</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+18"/>
        <source>Afdrukken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Kies eerst een jongere in de lijst.</source>
        <translation>First choose a young person in the list.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Er staan geen jongeren in de lijst.</source>
        <translation>There are no young people in the list.</translation>
    </message>
</context>
<context>
    <name>NewYouthDialog</name>
    <message>
        <location filename="../../handover/ui/dialogs.py" line="-246"/>
        <source>Nieuwe jongere</source>
        <translation>New young person</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Voornamen *</source>
        <translation>First names *</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tussenvoegsel</source>
        <translation>Surname prefix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achternaam *</source>
        <translation>Last name *</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Geboortedatum *</source>
        <translation>Date of birth *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Klas</source>
        <translation>Class</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <location line="+6"/>
        <source>Aanmaken en openen</source>
        <translation>Create and open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Velden met * zijn verplicht. De rest vult u daarna in het overstapdossier in.</source>
        <translation>Fields marked * are required. You fill in the rest in the handover file afterwards.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Niet opgeslagen: er ging iets mis (%1).</source>
        <translation>Not saved: something went wrong (%1).</translation>
    </message>
</context>
<context>
    <name>Opstarten</name>
    <message>
        <location filename="../../handover/ui/app.py" line="+88"/>
        <source>Demogegevens maken (verzonnen jongeren)…</source>
        <translation>Creating demo data (invented young people)…</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Het opgegeven wachtwoord klopt niet. Probeer het opnieuw.</source>
        <translation>The passphrase given is not correct. Please try again.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>De sleutel van deze gegevens staat niet op deze computer (bijvoorbeeld na een herinstallatie).</source>
        <translation>The key to this data is not on this computer (for example after a reinstall).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wilt u de toegang herstellen met de herstelcode?</source>
        <translation>Do you want to restore access with the recovery code?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>De gegevens konden niet worden geopend: %1</source>
        <translation>The data could not be opened: %1</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <location filename="../../handover/ui/wizard.py" line="-170"/>
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
        <location line="+8"/>
        <source>De naam van de school staat op elk afgedrukt dossier.</source>
        <translation>The school&apos;s name appears on every printed file.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De naam van de gemeente staat op elk afgedrukt dossier.</source>
        <translation>The municipality&apos;s name appears on every printed file.</translation>
    </message>
    <message>
        <location line="+1"/>
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
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../handover/ui/dialogs.py" line="+233"/>
        <source>Toegang herstellen</source>
        <translation>Restore access</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Vul de herstelcode in die bij het aanmaken van de gegevens is afgedrukt of opgeslagen.</source>
        <translation>Enter the recovery code that was printed or saved when the data was created.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <source>Herstelcode</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nieuw wachtwoord</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Herhaal het wachtwoord</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+5"/>
        <source>Kies een wachtwoord van minstens 8 tekens en vul het twee keer hetzelfde in.</source>
        <translation>Choose a passphrase of at least 8 characters and enter it the same way twice.</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <location filename="../../handover/ui/wizard.py" line="+160"/>
        <source>Uw herstelcode</source>
        <translation>Your recovery code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Met deze code krijgt u weer toegang tot de gegevens, bijvoorbeeld na een herinstallatie. Hij wordt maar één keer getoond.</source>
        <translation>With this code you regain access to the data, for example after a reinstall. It is shown only once.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bezig met aanmaken van de versleutelde gegevens…</source>
        <translation>Creating the encrypted data…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Herstelcode</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Afdrukken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+60"/>
        <source>Herstelcode afdrukken</source>
        <translation>Print recovery code</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Opslaan als PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+63"/>
        <source>Herstelcode opslaan als PDF</source>
        <translation>Save recovery code as PDF</translation>
    </message>
    <message>
        <location line="-59"/>
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
        <location line="+23"/>
        <source>PDF-bestanden (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Opgeslagen als %1. Zet het bestand daarna op papier of een USB-stick, niet alleen op deze computer.</source>
        <translation>Saved as %1. Then put the file on paper or a USB stick, not only on this computer.</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <location line="-311"/>
        <source>Welkom bij Overstap</source>
        <translation>Welcome to Overstap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overstap bewaart overstapdossiers en de begeleiding na school, versleuteld op deze computer. Eerst een paar vragen.</source>
        <translation>Overstap keeps handover files and continued support after school, encrypted on this computer. First a few questions.</translation>
    </message>
    <message>
        <location line="+2"/>
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
    <name>SettingsDialog</name>
    <message>
        <location filename="../../handover/ui/dialogs.py" line="-262"/>
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
        <location line="+2"/>
        <source>Contactmomenten</source>
        <translation>Check-ins</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plan van contactmomenten in maanden ten opzichte van de vertrekdatum</source>
        <translation>Check-in plan in months relative to the leaving date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maanden voor (negatief) en na de vertrekdatum, gescheiden door komma&apos;s.</source>
        <translation>Months before (negative) and after the leaving date, separated by commas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Maanden rond vertrek</source>
        <translation>Months around leaving</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bijvoorbeeld: -9, -3, 0, 1, 3, 6, 12, 18, 24</source>
        <translation>For example: -9, -3, 0, 1, 3, 6, 12, 18, 24</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <source>Opslaan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+22"/>
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
        <location line="+38"/>
        <source>Niet opgeslagen (%1).</source>
        <translation>Not saved (%1).</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../handover/ui/sync_status.py" line="+54"/>
        <source>Versturen naar de gemeente: nog niet ingesteld</source>
        <translation>Sending to the municipality: not set up yet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Bezig met versturen</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Alles verstuurd</source>
        <translation>Everything sent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wacht op verbinding</source>
        <translation>Waiting for a connection</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Fout: %1</source>
        <translation>Error: %1</translation>
    </message>
</context>
<context>
    <name>TodayCard</name>
    <message>
        <location filename="../../handover/ui/pages/vandaag.py" line="+110"/>
        <source>bezig met laden…</source>
        <translation>loading…</translation>
    </message>
</context>
<context>
    <name>TodayListModel</name>
    <message>
        <location filename="../../handover/ui/models.py" line="+151"/>
        <source>Jongere</source>
        <translation>Young person</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../handover/ui/dialogs.py" line="+34"/>
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
        <location line="+14"/>
        <source>Het wachtwoord klopt niet. Controleer hoofdletters en probeer het opnieuw.</source>
        <translation>The passphrase is not correct. Check capital letters and try again.</translation>
    </message>
</context>
<context>
    <name>VandaagPage</name>
    <message>
        <location filename="../../handover/ui/pages/vandaag.py" line="+32"/>
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
        <location line="+3"/>
        <source>Contactmoment</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+3"/>
        <source>Gepland op</source>
        <translation>Planned for</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Contactmomenten te laat</source>
        <translation>Overdue check-ins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Er zijn geen contactmomenten te laat.</source>
        <translation>No check-ins are overdue.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Afspraken over de deadline</source>
        <translation>Agreements past their deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alle afspraken liggen op schema.</source>
        <translation>All agreements are on schedule.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wie doet wat</source>
        <translation>Who does what</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+0"/>
        <source>Vertrekdatum</source>
        <translation>Leaving date</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+0"/>
        <location line="+3"/>
        <source>Volgend contact</source>
        <translation>Next contact</translation>
    </message>
    <message>
        <location line="-2"/>
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
        <location line="+2"/>
        <source>Vandaag</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 · wat er nu aandacht vraagt</source>
        <translation>%1 · what needs attention now</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>kon niet worden geladen</source>
        <translation>could not be loaded</translation>
    </message>
</context>
<context>
    <name>YouthTableModel</name>
    <message>
        <location filename="../../handover/ui/models.py" line="-466"/>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Route na school</source>
        <translation>Route after school</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vertrekdatum</source>
        <translation>Leaving date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volgend contactmoment</source>
        <translation>Next check-in</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vaste contactpersoon</source>
        <translation>Fixed contact person</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Dit contactmoment is te laat.</source>
        <translation>This check-in is overdue.</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../handover/ui/screenshots.py" line="+48"/>
        <source>Alles verstuurd</source>
        <translation type="unfinished">Everything sent</translation>
    </message>
</context>
</TS>
