<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>anatomix::worklist::WorklistModel</name>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>Patienten-ID</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Accession</source>
        <translation>Accession-Nr.</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
</context>
<context>
    <name>anatomix::worklist::WorklistPanel</name>
    <message>
        <source>e.g. DOE^J*</source>
        <translation>z. B. DOE^J*</translation>
    </message>
    <message>
        <source>YYYYMMDD</source>
        <translation>JJJJMMTT</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Patientenname</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>Patienten-ID</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Studiendatum</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <source>Accession</source>
        <translation>Accession-Nr.</translation>
    </message>
    <message>
        <source>Choose a PACS node, then search.</source>
        <translation>PACS-Knoten wählen, dann suchen.</translation>
    </message>
    <message>
        <source>Filter the list</source>
        <translation>Liste filtern</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Vorige Seite</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Nächste Seite</translation>
    </message>
    <message>
        <source>PACS %1</source>
        <translation>PACS %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>No PACS node chosen.</source>
        <translation>Kein PACS-Knoten gewählt.</translation>
    </message>
    <message>
        <source>Looking for priors...</source>
        <translation>Voraufnahmen werden gesucht...</translation>
    </message>
    <message>
        <source>Searching...</source>
        <translation>Suche...</translation>
    </message>
    <message numerus="yes">
        <source>Searching... %n studies so far</source>
        <translation>
            <numerusform>Suche... bisher %n Studie</numerusform>
            <numerusform>Suche... bisher %n Studien</numerusform>
        </translation>
    </message>
    <message>
        <source>No priors.</source>
        <translation>Keine Voraufnahmen.</translation>
    </message>
    <message>
        <source>Priors: %1</source>
        <translation>Voraufnahmen: %1</translation>
    </message>
    <message>
        <source>%1 studies shown; more match: narrow the search</source>
        <translation>%1 Studien angezeigt; weitere passen: Suche eingrenzen</translation>
    </message>
    <message>
        <source>1 study</source>
        <translation>1 Studie</translation>
    </message>
    <message>
        <source>%1 studies</source>
        <translation>%1 Studien</translation>
    </message>
</context>
</TS>
