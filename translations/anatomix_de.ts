<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>CommandLine</name>
    <message>
        <source>AnatomiX Workstation: reading chest radiographs. Not for clinical use.</source>
        <translation>AnatomiX Workstation: Befundung von Thoraxröntgenbildern. Nicht für den klinischen Einsatz.</translation>
    </message>
    <message>
        <source>After loading, save a PNG of the window to &lt;file&gt; and exit (exit code 0: saved; 1: not saved; 3: saved, but some input could not be opened).</source>
        <translation>Nach dem Laden ein PNG des Fensters in &lt;Datei&gt; speichern und beenden (Rückgabewert 0: gespeichert; 1: nicht gespeichert; 3: gespeichert, aber manche Eingaben ließen sich nicht öffnen).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Log debug messages (may include patient identifiers).</source>
        <translation>Debug-Meldungen protokollieren (können Patientenkennungen enthalten).</translation>
    </message>
    <message>
        <source>Write the log file into &lt;folder&gt;.</source>
        <translation>Die Protokolldatei in &lt;Ordner&gt; schreiben.</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>DICOM, PNG, JPEG or TIFF files, folders or DICOMDIR files to open.</source>
        <translation>Zu öffnende DICOM-, PNG-, JPEG- oder TIFF-Dateien, Ordner oder DICOMDIR-Dateien.</translation>
    </message>
    <message>
        <source>--screenshot needs a file name.</source>
        <translation>--screenshot braucht einen Dateinamen.</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::DicomTagsPanel</name>
    <message>
        <source>Filter by tag, name or value</source>
        <translation>Nach Tag, Name oder Wert filtern</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>VR</source>
        <translation>VR</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>No image open.</source>
        <translation>Kein Bild geöffnet.</translation>
    </message>
    <message>
        <source>%1: no DICOM elements (not a DICOM file).</source>
        <translation>%1: keine DICOM-Elemente (keine DICOM-Datei).</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n element(s)</source>
        <translation><numerusform>%1: %n Element</numerusform><numerusform>%1: %n Elemente</numerusform></translation>
    </message>
    <message>
        <source>Cannot list the DICOM elements: %1</source>
        <translation>Die DICOM-Elemente können nicht aufgelistet werden: %1</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::LayersPanel</name>
    <message>
        <source>Opacity of the selected layer</source>
        <translation>Deckkraft der ausgewählten Ebene</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>Deckkraft:</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::MainWindow</name>
    <message>
        <source>AnatomiX Workstation</source>
        <translation>AnatomiX Workstation</translation>
    </message>
    <message>
        <source>My regions</source>
        <translation>Eigene Regionen</translation>
    </message>
    <message>
        <source>Scanning %v of %m files</source>
        <translation>Durchsuche %v von %m Dateien</translation>
    </message>
    <message>
        <source>Decoding %p%</source>
        <translation>Dekodiere %p %</translation>
    </message>
    <message>
        <source>Opening %1 was cancelled.</source>
        <translation>Öffnen von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Open a study with File &gt; Open (Ctrl+O) or drop files here.</source>
        <translation>Öffnen Sie eine Studie mit Datei &gt; Öffnen (Strg+O) oder ziehen Sie Dateien hierher.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Open Files...</source>
        <translation>Dateien &amp;öffnen …</translation>
    </message>
    <message>
        <source>Open &amp;Folder...</source>
        <translation>&amp;Ordner öffnen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Cancel Loading</source>
        <translation>Laden &amp;abbrechen</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Delete Region</source>
        <translation>Region &amp;löschen</translation>
    </message>
    <message>
        <source>Delete &amp;All Regions</source>
        <translation>&amp;Alle Regionen löschen</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>An &amp;Fenster anpassen</translation>
    </message>
    <message>
        <source>&amp;Actual Size (1:1)</source>
        <translation>&amp;Originalgröße (1:1)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Vergrößern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Rotate &amp;Right</source>
        <translation>Nach &amp;rechts drehen</translation>
    </message>
    <message>
        <source>Rotate &amp;Left</source>
        <translation>Nach &amp;links drehen</translation>
    </message>
    <message>
        <source>Flip &amp;Horizontally</source>
        <translation>&amp;Horizontal spiegeln</translation>
    </message>
    <message>
        <source>Flip &amp;Vertically</source>
        <translation>&amp;Vertikal spiegeln</translation>
    </message>
    <message>
        <source>&amp;Invert</source>
        <translation>&amp;Invertieren</translation>
    </message>
    <message>
        <source>R&amp;eset View</source>
        <translation>Ansicht &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Show &amp;Annotations</source>
        <translation>&amp;Beschriftungen anzeigen</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>&amp;Nächstes Bild</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>&amp;Vorheriges Bild</translation>
    </message>
    <message>
        <source>File Window</source>
        <translation>Fenster aus der Datei</translation>
    </message>
    <message>
        <source>Lung Window</source>
        <translation>Lungenfenster</translation>
    </message>
    <message>
        <source>Mediastinum Window</source>
        <translation>Mediastinalfenster</translation>
    </message>
    <message>
        <source>Bone Window</source>
        <translation>Knochenfenster</translation>
    </message>
    <message>
        <source>&amp;Window/Level Tool</source>
        <translation>&amp;Fensterungswerkzeug</translation>
    </message>
    <message>
        <source>&amp;Pan Tool</source>
        <translation>&amp;Verschiebewerkzeug</translation>
    </message>
    <message>
        <source>&amp;Zoom Tool</source>
        <translation>&amp;Zoomwerkzeug</translation>
    </message>
    <message>
        <source>&amp;Region Tool</source>
        <translation>&amp;Regionswerkzeug</translation>
    </message>
    <message>
        <source>&amp;About AnatomiX Workstation</source>
        <translation>&amp;Über AnatomiX Workstation</translation>
    </message>
    <message>
        <source>About AnatomiX Workstation</source>
        <translation>Über AnatomiX Workstation</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AnatomiX Workstation %1&lt;/h3&gt;&lt;p&gt;Reading chest radiographs with an anatomy-aware grounded multimodal model (AnatomiX, arXiv 2601.03191).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Not for clinical use.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AnatomiX Workstation %1&lt;/h3&gt;&lt;p&gt;Befundung von Thoraxröntgenbildern mit einem anatomiebewussten, verankerten multimodalen Modell (AnatomiX, arXiv 2601.03191).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Nicht für den klinischen Einsatz.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Study Browser</source>
        <translation>Studienbrowser</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Ebenen</translation>
    </message>
    <message>
        <source>DICOM Tags</source>
        <translation>DICOM-Tags</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Seitenleisten</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>B&amp;ild</translation>
    </message>
    <message>
        <source>Window &amp;Presets</source>
        <translation>&amp;Fenstervorgaben</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Full range</source>
        <translation>Gesamter Bereich</translation>
    </message>
    <message>
        <source>Lung</source>
        <translation>Lunge</translation>
    </message>
    <message>
        <source>Mediastinum</source>
        <translation>Mediastinum</translation>
    </message>
    <message>
        <source>Bone</source>
        <translation>Knochen</translation>
    </message>
    <message>
        <source>%1 (W %2, L %3)</source>
        <translation>%1 (W %2, L %3)</translation>
    </message>
    <message>
        <source>Open Images</source>
        <translation>Bilder öffnen</translation>
    </message>
    <message>
        <source>Images (*.dcm *.DCM *.dicom *.dic *.png *.jpg *.jpeg *.tif *.tiff DICOMDIR);;All files (*)</source>
        <translation>Bilder (*.dcm *.DCM *.dicom *.dic *.png *.jpg *.jpeg *.tif *.tiff DICOMDIR);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Opening %1...</source>
        <translation>Öffne %1 …</translation>
    </message>
    <message numerus="yes">
        <source>Opening %n items...</source>
        <translation><numerusform>Öffne %n Eintrag …</numerusform><numerusform>Öffne %n Einträge …</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Opening was cancelled; %n image(s) found so far.</source>
        <translation><numerusform>Öffnen wurde abgebrochen; bisher %n Bild gefunden.</numerusform><numerusform>Öffnen wurde abgebrochen; bisher %n Bilder gefunden.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Could not open %n file(s). %1</source>
        <translation><numerusform>%n Datei konnte nicht geöffnet werden. %1</numerusform><numerusform>%n Dateien konnten nicht geöffnet werden. %1</numerusform></translation>
    </message>
    <message>
        <source>No new images found.</source>
        <translation>Keine neuen Bilder gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>Found %n image(s).</source>
        <translation><numerusform>%n Bild gefunden.</numerusform><numerusform>%n Bilder gefunden.</numerusform></translation>
    </message>
    <message>
        <source>%1 - AnatomiX Workstation</source>
        <translation>%1 – AnatomiX Workstation</translation>
    </message>
    <message>
        <source>%1: %2 × %3, %4 bit</source>
        <translation>%1: %2 × %3, %4 Bit</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Breche ab …</translation>
    </message>
    <message>
        <source>x %1, y %2: %3</source>
        <translation>x %1, y %2: %3</translation>
    </message>
    <message>
        <source> (stored %1)</source>
        <translation> (gespeichert %1)</translation>
    </message>
    <message>
        <source>W %1 L %2</source>
        <translation>W %1 L %2</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>Zoom %1 %</translation>
    </message>
    <message>
        <source>Cannot show the image: %1</source>
        <translation>Das Bild kann nicht angezeigt werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n other file(s) skipped.</source>
        <translation><numerusform>%n andere Datei übersprungen.</numerusform><numerusform>%n andere Dateien übersprungen.</numerusform></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::StudyBrowserPanel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Could not open</source>
        <translation>Nicht lesbar</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>ID %1</source>
        <translation>ID %1</translation>
    </message>
    <message>
        <source>Sex %1</source>
        <translation>Geschlecht %1</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Studie</translation>
    </message>
    <message>
        <source>Study %1</source>
        <translation>Studie %1</translation>
    </message>
    <message>
        <source>Accession %1</source>
        <translation>Auftragsnummer %1</translation>
    </message>
    <message>
        <source>Series %1</source>
        <translation>Serie %1</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Image %1</source>
        <translation>Bild %1</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%1 bit</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <source>(scan)</source>
        <translation>(Suche)</translation>
    </message>
</context>
</TS>
