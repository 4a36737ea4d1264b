<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>anatomix::worklist::WorklistModel</name>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accession</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::worklist::WorklistPanel</name>
    <message>
        <source>e.g. DOE^J*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYYMMDD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accession</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a PACS node, then search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACS %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PACS node chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for priors...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Searching... %n studies so far</source>
        <translation>
            <numerusform>Searching... %n study so far</numerusform>
            <numerusform>Searching... %n studies so far</numerusform>
        </translation>
    </message>
    <message>
        <source>No priors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 studies shown; more match: narrow the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 studies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
