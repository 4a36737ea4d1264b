<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>CommandLine</name>
    <message>
        <source>Once the image is analysed, ask the model where &lt;anatomy&gt; is (e.g. &quot;Right lung&quot;), as the findings panel&apos;s Locate does.</source>
        <translation>Nach der Analyse das Modell fragen, wo &lt;Anatomie&gt; liegt (z. B. &quot;Right lung&quot;), wie es „Lokalisieren“ im Befundbereich tut.</translation>
    </message>
    <message>
        <source>--locate needs an anatomy name.</source>
        <translation>--locate braucht den Namen einer Anatomie.</translation>
    </message>
    <message>
        <source>anatomy</source>
        <translation>Anatomie</translation>
    </message>
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
    <message>
        <source>Use the AI model bundle in &lt;folder&gt; for this run.</source>
        <translation>Für diesen Lauf das KI-Modellpaket in &lt;Ordner&gt; verwenden.</translation>
    </message>
    <message>
        <source>Once the image is analysed, draw the region x,y,width,height (image pixels) and ask the model to describe it.</source>
        <translation>Nach der Analyse des Bildes die Region x,y,Breite,Höhe (Bildpixel) zeichnen und das Modell um eine Beschreibung bitten.</translation>
    </message>
    <message>
        <source>Once the image is analysed, run the flip consistency check.</source>
        <translation>Nach der Analyse des Bildes die Spiegelungsprüfung ausführen.</translation>
    </message>
    <message>
        <source>Bring a panel to the front: anatomy, findings, ask, flip or report.</source>
        <translation>Ein Bedienfeld nach vorne holen: anatomy, findings, ask, flip oder report.</translation>
    </message>
    <message>
        <source>panel</source>
        <translation>Bedienfeld</translation>
    </message>
    <message>
        <source>--ask-region needs x,y,width,height with a positive size.</source>
        <translation>--ask-region braucht x,y,Breite,Höhe mit positiver Größe.</translation>
    </message>
    <message>
        <source>--show-panel takes one of: %1.</source>
        <translation>--show-panel erwartet einen dieser Werte: %1.</translation>
    </message>
    <message>
        <source>Open &lt;path&gt; (a file or folder, e.g. a prior study) beside the first image, in the 1x2 layout.</source>
        <translation>&lt;path&gt; (eine Datei oder einen Ordner, z. B. eine Voruntersuchung) neben dem ersten Bild öffnen, in der 1x2-Ansicht.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Link zoom, pan and window/level of the two viewports.</source>
        <translation>Zoom, Verschiebung und Fenster der beiden Bildfenster koppeln.</translation>
    </message>
    <message>
        <source>--compare needs a file or folder.</source>
        <translation>--compare erwartet eine Datei oder einen Ordner.</translation>
    </message>
    <message>
        <source>With --study: the PACS node to open the study from, the AE title of the node in the settings or its AET@host:port.</source>
        <translation>Mit --study: der PACS-Knoten, von dem die Studie geöffnet wird, der AE-Titel des Knotens in den Einstellungen oder sein AET@Host:Port.</translation>
    </message>
    <message>
        <source>node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>With --pacs: retrieve the study with this accession number from the PACS and open it.</source>
        <translation>Mit --pacs: die Studie mit dieser Accession Number (Auftragsnummer) vom PACS abrufen und öffnen.</translation>
    </message>
    <message>
        <source>accession</source>
        <translation>Auftragsnummer</translation>
    </message>
    <message>
        <source>--pacs NODE and --study ACCESSION go together.</source>
        <translation>--pacs KNOTEN und --study AUFTRAGSNUMMER gehören zusammen.</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::AnatomyPanel</name>
    <message>
        <source>Anatomy</source>
        <translation>Anatomie</translation>
    </message>
    <message>
        <source>Labels on hover</source>
        <translation>Beschriftung beim Überfahren</translation>
    </message>
    <message>
        <source>Labels always</source>
        <translation>Beschriftung immer</translation>
    </message>
    <message>
        <source>No labels</source>
        <translation>Keine Beschriftung</translation>
    </message>
    <message>
        <source>Retrieved finding</source>
        <translation>Abgerufener Befund</translation>
    </message>
    <message>
        <source>Open an image to see its anatomy.</source>
        <translation>Öffnen Sie ein Bild, um seine Anatomie zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n anatomies</source>
        <translation>
            <numerusform>%n Anatomie</numerusform>
            <numerusform>%n Anatomien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n abnormal</source>
        <translation>
            <numerusform>%n auffällig</numerusform>
            <numerusform>%n auffällig</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)
%3</source>
        <translation>%1 (%2)
%3</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::AnatomyRegions</name>
    <message>
        <source>Lungs and zones</source>
        <translation>Lungen und Lungenfelder</translation>
    </message>
    <message>
        <source>Heart and mediastinum</source>
        <translation>Herz und Mediastinum</translation>
    </message>
    <message>
        <source>Diaphragm and angles</source>
        <translation>Zwerchfell und Winkel</translation>
    </message>
    <message>
        <source>Bones</source>
        <translation>Knochen</translation>
    </message>
    <message>
        <source>Abdomen</source>
        <translation>Abdomen</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::AskPanel</name>
    <message>
        <source>De&amp;scribe</source>
        <translation>&amp;Beschreiben</translation>
    </message>
    <message>
        <source>Describe the drawn regions (grounded captioning)</source>
        <translation>Die gezeichneten Regionen beschreiben (verankerte Beschreibung)</translation>
    </message>
    <message>
        <source>Dia&amp;gnose</source>
        <translation>Dia&amp;gnose</translation>
    </message>
    <message>
        <source>Diagnose the drawn regions (grounded diagnosis)</source>
        <translation>Die gezeichneten Regionen befunden (verankerte Diagnose)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;topp</translation>
    </message>
    <message>
        <source>Stop the running question</source>
        <translation>Die laufende Frage abbrechen</translation>
    </message>
    <message>
        <source>Ask a question about this image</source>
        <translation>Eine Frage zu diesem Bild stellen</translation>
    </message>
    <message>
        <source>As&amp;k</source>
        <translation>&amp;Fragen</translation>
    </message>
    <message>
        <source>Region answers</source>
        <translation>Antworten zu Regionen</translation>
    </message>
    <message>
        <source>Draw regions with the region tool (D) to ask about them.</source>
        <translation>Zeichnen Sie Regionen mit dem Regionswerkzeug (D), um nach ihnen zu fragen.</translation>
    </message>
    <message numerus="yes">
        <source>%n region(s) drawn.</source>
        <translation>
            <numerusform>%n Region gezeichnet.</numerusform>
            <numerusform>%n Regionen gezeichnet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Describe %n region(s)</source>
        <translation>
            <numerusform>%n Region beschreiben</numerusform>
            <numerusform>%n Regionen beschreiben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Diagnose %n region(s)</source>
        <translation>
            <numerusform>%n Region befunden</numerusform>
            <numerusform>%n Regionen befunden</numerusform>
        </translation>
    </message>
    <message>
        <source> [stopped]</source>
        <translation> [abgebrochen]</translation>
    </message>
    <message>
        <source>Could not read the boxes in this answer; the text is shown as the model wrote it.</source>
        <translation>Die Boxen dieser Antwort konnten nicht gelesen werden; der Text steht so da, wie das Modell ihn schrieb.</translation>
    </message>
    <message>
        <source>Thinking...</source>
        <translation>Denke nach ...</translation>
    </message>
    <message>
        <source>Answers appear here. The model can be wrong: check every answer against the image.</source>
        <translation>Hier erscheinen die Antworten. Das Modell kann sich irren: Prüfen Sie jede Antwort am Bild.</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::CardiothoracicRatioCallipers</name>
    <message>
        <source>Heart</source>
        <translation>Herz</translation>
    </message>
    <message>
        <source>Thorax</source>
        <translation>Thorax</translation>
    </message>
    <message>
        <source>Cardiothoracic ratio %1: the cardiac silhouette is enlarged.</source>
        <translation>Herz-Thorax-Quotient %1: die Herzsilhouette ist vergrößert.</translation>
    </message>
    <message>
        <source>Cardiothoracic ratio %1: the heart size is within normal limits.</source>
        <translation>Herz-Thorax-Quotient %1: die Herzgröße liegt im Normbereich.</translation>
    </message>
    <message>
        <source>(Heart %1 mm, thorax %2 mm.)</source>
        <translation>(Herz %1 mm, Thorax %2 mm.)</translation>
    </message>
    <message>
        <source>AP view: magnified, CTR overestimates.</source>
        <translation>AP-Aufnahme: vergrößert, der HTQ wird überschätzt.</translation>
    </message>
    <message>
        <source>Thorax (CTR %1; AP view: magnified, CTR overestimates)</source>
        <translation>Thorax (HTQ %1; AP-Aufnahme: vergrößert, HTQ überschätzt)</translation>
    </message>
    <message>
        <source>Thorax (CTR %1)</source>
        <translation>Thorax (HTQ %1)</translation>
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
        <translation>
            <numerusform>%1: %n Element</numerusform>
            <numerusform>%1: %n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot list the DICOM elements: %1</source>
        <translation>Die DICOM-Elemente können nicht aufgelistet werden: %1</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::EngineWorker</name>
    <message>
        <source>Analysing the image</source>
        <translation>Bild wird analysiert</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::FindingsPanel</name>
    <message>
        <source>%1 (the anatomy module&apos;s box; the language model gave none)</source>
        <translation>%1 (Box des Anatomiemoduls; das Sprachmodell lieferte keine)</translation>
    </message>
    <message>
        <source>%1 (the anatomy module&apos;s box; the language model&apos;s box disagreed, IoU %2)</source>
        <translation>%1 (Box des Anatomiemoduls; die Box des Sprachmodells wich ab, IoU %2)</translation>
    </message>
    <message>
        <source>AI findings</source>
        <translation>KI-Befunde</translation>
    </message>
    <message>
        <source>Type a finding, e.g. small left pleural effusion</source>
        <translation>Befund eingeben, z. B. kleiner Pleuraerguss links</translation>
    </message>
    <message>
        <source>&amp;Ground</source>
        <translation>&amp;Verorten</translation>
    </message>
    <message>
        <source>Find the boxes of the typed finding (Enter)</source>
        <translation>Die Boxen des eingegebenen Befunds finden (Eingabetaste)</translation>
    </message>
    <message>
        <source>&amp;Locate</source>
        <translation>&amp;Lokalisieren</translation>
    </message>
    <message>
        <source>Ask the model where the chosen anatomy is</source>
        <translation>Das Modell fragen, wo die gewählte Anatomie liegt</translation>
    </message>
    <message>
        <source>&amp;Detect Abnormalities</source>
        <translation>Auffälligkeiten &amp;erkennen</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Anatomy</source>
        <translation>Anatomie</translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation>Ausdruck</translation>
    </message>
    <message>
        <source>Detection</source>
        <translation>Erkennung</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Klassifikation</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Vorgeschlagen</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Bearbeitet</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Abnormality</source>
        <translation>Auffälligkeit</translation>
    </message>
    <message>
        <source> (score %1)</source>
        <translation> (Wert %1)</translation>
    </message>
    <message>
        <source>The model returned no box for this finding.</source>
        <translation>Das Modell hat für diesen Befund keine Box geliefert.</translation>
    </message>
    <message>
        <source>Laterality check</source>
        <translation>Seitenprüfung</translation>
    </message>
    <message>
        <source>Cardiothoracic ratio</source>
        <translation>Herz-Thorax-Quotient</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::FlipCheckPanel</name>
    <message>
        <source>Run &amp;Flip Check</source>
        <translation>&amp;Spiegelungsprüfung starten</translation>
    </message>
    <message>
        <source>Same side</source>
        <translation>Gleiche Seite</translation>
    </message>
    <message>
        <source>IoU</source>
        <translation>IoU</translation>
    </message>
    <message>
        <source>Flip check</source>
        <translation>Spiegelungsprüfung</translation>
    </message>
    <message>
        <source>Original box of %1</source>
        <translation>Ursprüngliche Box von %1</translation>
    </message>
    <message>
        <source>%1 (mirrored run)</source>
        <translation>%1 (gespiegelter Lauf)</translation>
    </message>
    <message>
        <source>Analysing the mirrored image...</source>
        <translation>Das gespiegelte Bild wird analysiert ...</translation>
    </message>
    <message>
        <source>The flip check failed: %1</source>
        <translation>Die Spiegelungsprüfung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Checks whether the model still names left and right correctly on the mirrored image.</source>
        <translation>Prüft, ob das Modell im gespiegelten Bild links und rechts weiterhin richtig benennt.</translation>
    </message>
    <message>
        <source>%1/%2 consistent, mean IoU %3</source>
        <translation>%1/%2 konsistent, mittlere IoU %3</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Analyse the horizontally mirrored image and compare each anatomy&apos;s box, mapped back, with its box in the original</source>
        <translation>Das horizontal gespiegelte Bild analysieren und die zurückgespiegelte Box jeder Anatomie mit ihrer Box im Original vergleichen</translation>
    </message>
    <message>
        <source>Anatomy</source>
        <translation>Anatomie</translation>
    </message>
    <message>
        <source>%1 in the mirrored image, mapped back: IoU %2 with the original box</source>
        <translation>%1 im gespiegelten Bild, zurückgespiegelt: IoU %2 mit der Original-Box</translation>
    </message>
    <message numerus="yes">
        <source>%n anatomies change side: the model does not read sides reliably</source>
        <translation>
            <numerusform>%n Anatomie wechselt die Seite: Das Modell liest die Seiten nicht zuverlässig</numerusform>
            <numerusform>%n Anatomien wechseln die Seite: Das Modell liest die Seiten nicht zuverlässig</numerusform>
        </translation>
    </message>
    <message>
        <source>every anatomy keeps its side; some boxes move under the mirror</source>
        <translation>Jede Anatomie behält ihre Seite; einige Boxen verschieben sich im Spiegelbild</translation>
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
        <translation>
            <numerusform>Öffne %n Eintrag …</numerusform>
            <numerusform>Öffne %n Einträge …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opening was cancelled; %n image(s) found so far.</source>
        <translation>
            <numerusform>Öffnen wurde abgebrochen; bisher %n Bild gefunden.</numerusform>
            <numerusform>Öffnen wurde abgebrochen; bisher %n Bilder gefunden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Could not open %n file(s). %1</source>
        <translation>
            <numerusform>%n Datei konnte nicht geöffnet werden. %1</numerusform>
            <numerusform>%n Dateien konnten nicht geöffnet werden. %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No new images found.</source>
        <translation>Keine neuen Bilder gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>Found %n image(s).</source>
        <translation>
            <numerusform>%n Bild gefunden.</numerusform>
            <numerusform>%n Bilder gefunden.</numerusform>
        </translation>
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
        <translation>
            <numerusform>%n andere Datei übersprungen.</numerusform>
            <numerusform>%n andere Dateien übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Anatomy</source>
        <translation>Anatomie</translation>
    </message>
    <message>
        <source>AI Findings</source>
        <translation>KI-Befunde</translation>
    </message>
    <message>
        <source>Ask the Model</source>
        <translation>Das Modell fragen</translation>
    </message>
    <message>
        <source>Flip Check</source>
        <translation>Spiegelungsprüfung</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>&amp;Analyse Image Again</source>
        <translation>Bild erneut &amp;analysieren</translation>
    </message>
    <message>
        <source>&amp;Ground a Finding...</source>
        <translation>Befund &amp;verorten ...</translation>
    </message>
    <message>
        <source>&amp;Describe Regions</source>
        <translation>Regionen &amp;beschreiben</translation>
    </message>
    <message>
        <source>Dia&amp;gnose Regions</source>
        <translation>Regionen befun&amp;den</translation>
    </message>
    <message>
        <source>Ask a &amp;Question...</source>
        <translation>Eine &amp;Frage stellen ...</translation>
    </message>
    <message>
        <source>&amp;Flip Consistency Check</source>
        <translation>&amp;Spiegelungsprüfung</translation>
    </message>
    <message>
        <source>&amp;Stop the Model</source>
        <translation>Modell &amp;stoppen</translation>
    </message>
    <message>
        <source>AI &amp;Model Settings...</source>
        <translation>KI-&amp;Modelleinstellungen ...</translation>
    </message>
    <message>
        <source>&amp;AI</source>
        <translation>&amp;KI</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>&amp;Bericht</translation>
    </message>
    <message>
        <source>Model settings...</source>
        <translation>Modelleinstellungen ...</translation>
    </message>
    <message>
        <source>AI Model Settings</source>
        <translation>KI-Modelleinstellungen</translation>
    </message>
    <message>
        <source>The shipped demonstration model</source>
        <translation>Das mitgelieferte Demonstrationsmodell</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Durchsuchen ...</translation>
    </message>
    <message>
        <source>Model Folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU (when the engine was built with CUDA)</source>
        <translation>CUDA-GPU (wenn die Engine mit CUDA gebaut wurde)</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Model &amp;folder:</source>
        <translation>Modell&amp;ordner:</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>&amp;Threads:</translation>
    </message>
    <message numerus="yes">
        <source>%n errors; latest: %1</source>
        <translation>
            <numerusform>%n Fehler; zuletzt: %1</numerusform>
            <numerusform>%n Fehler; zuletzt: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>

Click to dismiss.</source>
        <translation>

Zum Schließen klicken.</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Messungen</translation>
    </message>
    <message>
        <source>Delete All &amp;Measurements</source>
        <translation>Alle &amp;Messungen löschen</translation>
    </message>
    <message>
        <source>&amp;Dark (Reading Room)</source>
        <translation>&amp;Dunkel (Befundraum)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>Full-Screen &amp;Reading</source>
        <translation>&amp;Vollbild-Befundung</translation>
    </message>
    <message>
        <source>R&amp;uler (mm)</source>
        <translation>&amp;Lineal (mm)</translation>
    </message>
    <message>
        <source>A&amp;ngle</source>
        <translation>&amp;Winkel</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>at detector</source>
        <translation>am Detektor</translation>
    </message>
    <message>
        <source>Pixel spacing at the detector (Imager Pixel Spacing): lengths in the patient are smaller by the radiographic magnification, typically 5-20 %.</source>
        <translation>Pixelabstand am Detektor (Imager Pixel Spacing): Längen im Patienten sind um die radiographische Vergrößerung kleiner, typisch 5-20 %.</translation>
    </message>
    <message>
        <source>scanned</source>
        <translation>gescannt</translation>
    </message>
    <message>
        <source>Nominal spacing of a scanned film: the film&apos;s magnification is unknown.</source>
        <translation>Nomineller Pixelabstand eines gescannten Films: die Vergrößerung des Films ist unbekannt.</translation>
    </message>
    <message>
        <source>Analyse this image anyway</source>
        <translation>Dieses Bild trotzdem analysieren</translation>
    </message>
    <message>
        <source>Rectangle R&amp;OI</source>
        <translation>Rechteck-R&amp;OI</translation>
    </message>
    <message>
        <source>&amp;Ellipse ROI</source>
        <translation>&amp;Ellipsen-ROI</translation>
    </message>
    <message>
        <source>&amp;Magnifier</source>
        <translation>&amp;Lupe</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>Pfeil</translation>
    </message>
    <message>
        <source>Text beside the arrow:</source>
        <translation>Text neben dem Pfeil:</translation>
    </message>
    <message>
        <source>&amp;Arrow with Text</source>
        <translation>&amp;Pfeil mit Text</translation>
    </message>
    <message>
        <source>&amp;1x2 Layout</source>
        <translation>&amp;1x2-Ansicht</translation>
    </message>
    <message>
        <source>1x2</source>
        <translation>1x2</translation>
    </message>
    <message>
        <source>&amp;Link Zoom, Pan and Window</source>
        <translation>Zoom, Verschiebung und Fenster &amp;koppeln</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Koppeln</translation>
    </message>
    <message>
        <source>Compare with &amp;Prior</source>
        <translation>Mit &amp;Voruntersuchung vergleichen</translation>
    </message>
    <message>
        <source>Prior</source>
        <translation>Vorbild</translation>
    </message>
    <message>
        <source>No prior study of this patient is listed.</source>
        <translation>Keine Voruntersuchung dieses Patienten ist geöffnet.</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>PACS settings: %1</source>
        <translation>PACS-Einstellungen: %1</translation>
    </message>
    <message>
        <source>PACS Worklist</source>
        <translation>PACS-Arbeitsliste</translation>
    </message>
    <message>
        <source>Retrieving study from %1...</source>
        <translation>Studie wird von %1 abgerufen...</translation>
    </message>
    <message>
        <source>The DICOM storage service (C-MOVE destination) could not start on port %1: %2</source>
        <translation>Der DICOM-Empfangsdienst (C-MOVE-Ziel) konnte auf Port %1 nicht starten: %2</translation>
    </message>
    <message>
        <source>Cannot open accession number %1 from %2: no PACS node is set in the settings (pacs/node).</source>
        <translation>Auftragsnummer %1 von %2 kann nicht geöffnet werden: In den Einstellungen ist kein PACS-Knoten eingetragen (pacs/node).</translation>
    </message>
    <message>
        <source>Unknown PACS node %1: the configured node is %2.</source>
        <translation>Unbekannter PACS-Knoten %1: eingestellt ist der Knoten %2.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an accession number (wildcards are not allowed).</source>
        <translation>„%1“ ist keine Auftragsnummer (Platzhalter sind nicht erlaubt).</translation>
    </message>
    <message>
        <source>Cannot retrieve by C-MOVE: the DICOM storage service is not running on port %1.</source>
        <translation>Abruf per C-MOVE nicht möglich: Der DICOM-Empfangsdienst läuft nicht auf Port %1.</translation>
    </message>
    <message>
        <source>Cannot open accession number %1: %2</source>
        <translation>Auftragsnummer %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 has no study with accession number %2.</source>
        <translation>%1 hat keine Studie mit der Auftragsnummer %2.</translation>
    </message>
    <message>
        <source>%1 has several studies with accession number %2; open the one meant from the PACS worklist.</source>
        <translation>%1 hat mehrere Studien mit der Auftragsnummer %2; bitte die gemeinte in der PACS-Arbeitsliste öffnen.</translation>
    </message>
    <message>
        <source>The DICOM SR and the chosen result objects to %1 (kept in a queue while it cannot be reached)</source>
        <translation>Das DICOM SR und die gewählten Ergebnisobjekte an %1 (in einer Warteschlange behalten, solange es nicht erreichbar ist)</translation>
    </message>
    <message>
        <source>Open a DICOM image before sending results to the PACS.</source>
        <translation>Öffnen Sie ein DICOM-Bild, bevor Sie Ergebnisse an das PACS senden.</translation>
    </message>
    <message>
        <source>Sending the results to %1...</source>
        <translation>Die Ergebnisse werden an %1 gesendet...</translation>
    </message>
    <message>
        <source>%1 result objects sent to %2.</source>
        <translation>%1 Ergebnisobjekte an %2 gesendet.</translation>
    </message>
    <message>
        <source>Sending the results to %1: %2 sent, %3 waiting in the queue, %4 refused: %5</source>
        <translation>Senden der Ergebnisse an %1: %2 gesendet, %3 in der Warteschlange, %4 abgelehnt: %5</translation>
    </message>
    <message>
        <source>Se&amp;nd Results to PACS</source>
        <translation>Ergebnisse an PACS se&amp;nden</translation>
    </message>
    <message>
        <source>Send &amp;with Key Image (SC)</source>
        <translation>Mit Schlüssel&amp;bild senden (SC)</translation>
    </message>
    <message>
        <source>Send w&amp;ith Presentation State (GSPS)</source>
        <translation>&amp;Mit Presentation State senden (GSPS)</translation>
    </message>
    <message>
        <source>PACS &amp;Nodes...</source>
        <translation>PACS-&amp;Knoten...</translation>
    </message>
    <message>
        <source>Cancel Retrieval</source>
        <translation>Abruf abbrechen</translation>
    </message>
    <message>
        <source>Stop retrieving the study; the images received so far stay open</source>
        <translation>Den Abruf der Studie beenden; die bisher empfangenen Bilder bleiben geöffnet</translation>
    </message>
    <message>
        <source>The retrieval from %1 stopped after %2 of %3 objects; the images received are open. %4</source>
        <translation>Der Abruf von %1 brach nach %2 von %3 Objekten ab; die empfangenen Bilder sind geöffnet. %4</translation>
    </message>
    <message numerus="yes">
        <source>The retrieval from %1 stopped after %n object(s); the images received are open. %2</source>
        <translation>
            <numerusform>Der Abruf von %1 brach nach %n Objekt ab; die empfangenen Bilder sind geöffnet. %2</numerusform>
            <numerusform>Der Abruf von %1 brach nach %n Objekten ab; die empfangenen Bilder sind geöffnet. %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrieved %n object(s) from %1.</source>
        <translation>
            <numerusform>%n Objekt von %1 abgerufen.</numerusform>
            <numerusform>%n Objekte von %1 abgerufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 objects</source>
        <translation>%1 von %2 Objekten</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s)</source>
        <translation>
            <numerusform>%n Objekt</numerusform>
            <numerusform>%n Objekte</numerusform>
        </translation>
    </message>
    <message>
        <source>Retrieving from %1: %2</source>
        <translation>Abruf von %1: %2</translation>
    </message>
    <message>
        <source>Retrieval from %1 cancelled after %2; the images received stay open.</source>
        <translation>Abruf von %1 nach %2 abgebrochen; die empfangenen Bilder bleiben geöffnet.</translation>
    </message>
    <message>
        <source>Retrieval from %1 cancelled before any image arrived.</source>
        <translation>Abruf von %1 abgebrochen, bevor ein Bild ankam.</translation>
    </message>
    <message>
        <source>%1 (cannot be used)</source>
        <translation>%1 (nicht verwendbar)</translation>
    </message>
    <message>
        <source>The AI model in %1 cannot be used: %2</source>
        <translation>Das KI-Modell in %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>&amp;Add Model Folder...</source>
        <translation>Modellordner &amp;hinzufügen ...</translation>
    </message>
    <message>
        <source>A folder holding a model bundle (config.json and its weight files), e.g. one written by &quot;anatomix import&quot;</source>
        <translation>Ein Ordner mit einem Modellpaket (config.json und seine Gewichtsdateien), z. B. von &quot;anatomix import&quot; geschrieben</translation>
    </message>
    <message>
        <source>Mod&amp;el</source>
        <translation>Mod&amp;ell</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::PacsNodesDialog</name>
    <message>
        <source>Use TLS (DICOM over TLS)</source>
        <translation>TLS verwenden (DICOM über TLS)</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Use for Worklist</source>
        <translation>Für Arbeitsliste &amp;verwenden</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>PACS Nodes</source>
        <translation>PACS-Knoten</translation>
    </message>
    <message>
        <source>e.g. Radiology PACS</source>
        <translation>z. B. Radiologie-PACS</translation>
    </message>
    <message>
        <source>The PACS&apos; application entity title (called AE title)</source>
        <translation>Der AE-Titel des PACS (Called AE Title)</translation>
    </message>
    <message>
        <source>The workstation&apos;s AE title, as the PACS knows it</source>
        <translation>Der AE-Titel der Workstation, wie ihn das PACS kennt</translation>
    </message>
    <message>
        <source>Host name or IP address of the PACS</source>
        <translation>Hostname oder IP-Adresse des PACS</translation>
    </message>
    <message>
        <source>Port of the workstation&apos;s storage service, where the PACS sends studies by C-MOVE</source>
        <translation>Port des Speicherdienstes der Workstation, an den das PACS Studien per C-MOVE sendet</translation>
    </message>
    <message>
        <source>PEM file of the PACS certificate or its CA</source>
        <translation>PEM-Datei des PACS-Zertifikats oder seiner CA</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>AE title:</source>
        <translation>AE-Titel:</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Trusted certificate:</source>
        <translation>Vertrauenswürdiges Zertifikat:</translation>
    </message>
    <message>
        <source>Our AE title:</source>
        <translation>Unser AE-Titel:</translation>
    </message>
    <message>
        <source>Our storage port:</source>
        <translation>Unser Speicher-Port:</translation>
    </message>
    <message>
        <source>Trusted Certificate</source>
        <translation>Vertrauenswürdiges Zertifikat</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>, TLS</source>
        <translation>, TLS</translation>
    </message>
    <message>
        <source> - in use</source>
        <translation> – in Verwendung</translation>
    </message>
    <message>
        <source>Not tested: %1</source>
        <translation>Nicht getestet: %1</translation>
    </message>
    <message>
        <source>Testing %1...</source>
        <translation>%1 wird getestet...</translation>
    </message>
    <message>
        <source>Connection OK: %1 answered the C-ECHO in %2 ms.</source>
        <translation>Verbindung OK: %1 hat das C-ECHO in %2 ms beantwortet.</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Node %1: %2</source>
        <translation>Knoten %1: %2</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::ReadingAssistant</name>
    <message>
        <source>AI model &quot;%1&quot; loaded.</source>
        <translation>KI-Modell „%1“ geladen.</translation>
    </message>
    <message>
        <source>Loading the model: %1</source>
        <translation>Modell wird geladen: %1</translation>
    </message>
    <message>
        <source>Analysing the image</source>
        <translation>Bild wird analysiert</translation>
    </message>
    <message>
        <source>Flip check</source>
        <translation>Spiegelungsprüfung</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>Erzeuge</translation>
    </message>
    <message>
        <source>Loading the AI model...</source>
        <translation>Das KI-Modell wird geladen ...</translation>
    </message>
    <message>
        <source>Open an image to see its anatomy.</source>
        <translation>Öffnen Sie ein Bild, um seine Anatomie zu sehen.</translation>
    </message>
    <message>
        <source>No AI model was found (resources/models/anatomix-demo). The viewer works without AI; choose a model folder in AI &gt; Model Settings.</source>
        <translation>Kein KI-Modell gefunden (resources/models/anatomix-demo). Der Viewer funktioniert ohne KI; wählen Sie einen Modellordner unter KI &gt; Modelleinstellungen.</translation>
    </message>
    <message>
        <source>The AI model folder %1 does not exist. The viewer works without AI; choose a model folder in AI &gt; Model Settings.</source>
        <translation>Der KI-Modellordner %1 existiert nicht. Der Viewer funktioniert ohne KI; wählen Sie einen Modellordner unter KI &gt; Modelleinstellungen.</translation>
    </message>
    <message>
        <source>Analysing the image...</source>
        <translation>Das Bild wird analysiert ...</translation>
    </message>
    <message>
        <source>Flip check: %1</source>
        <translation>Spiegelungsprüfung: %1</translation>
    </message>
    <message numerus="yes">
        <source>AI analysis: %n anatomies</source>
        <translation>
            <numerusform>KI-Analyse: %n Anatomie</numerusform>
            <numerusform>KI-Analyse: %n Anatomien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n abnormal</source>
        <translation>
            <numerusform>%n auffällig</numerusform>
            <numerusform>%n auffällig</numerusform>
        </translation>
    </message>
    <message>
        <source> (%1 s)</source>
        <translation> (%1 s)</translation>
    </message>
    <message>
        <source>The model returned no box for &quot;%1&quot;.</source>
        <translation>Das Modell hat für „%1“ keine Box geliefert.</translation>
    </message>
    <message>
        <source>abnormalities</source>
        <translation>Auffälligkeiten</translation>
    </message>
    <message>
        <source>The AI model in %1 could not be loaded: %2 The viewer works without AI.</source>
        <translation>Das KI-Modell in %1 ließ sich nicht laden: %2 Der Viewer funktioniert ohne KI.</translation>
    </message>
    <message>
        <source>The analysis failed: %1</source>
        <translation>Die Analyse ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The AI analysis of %1 failed: %2</source>
        <translation>Die KI-Analyse von %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The AI analysis of the second viewport&apos;s image failed: %1</source>
        <translation>Die KI-Analyse des Bildes im zweiten Bildfenster ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The flip check failed: %1</source>
        <translation>Die Spiegelungsprüfung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The model could not answer: %1</source>
        <translation>Das Modell konnte nicht antworten: %1</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Laterality cross-check: mirrored image or situs inversus; check the side marker.</source>
        <translation>Seitenabgleich: gespiegeltes Bild oder Situs inversus; Seitenmarker prüfen.</translation>
    </message>
    <message>
        <source>Laterality check: the anatomy puts the patient&apos;s left on the image&apos;s left, but the header (Patient Orientation %1) puts it on the image&apos;s right. Mirrored image or situs inversus: check the side marker.</source>
        <translation>Seitenprüfung: Laut Anatomie liegt die linke Patientenseite links im Bild, laut Header (Patient Orientation %1) aber rechts. Gespiegeltes Bild oder Situs inversus: Seitenmarker prüfen.</translation>
    </message>
    <message>
        <source>Laterality check: the anatomy puts the patient&apos;s left on the image&apos;s right, but the header (Patient Orientation %1) puts it on the image&apos;s left. Mirrored image or situs inversus: check the side marker.</source>
        <translation>Seitenprüfung: Laut Anatomie liegt die linke Patientenseite rechts im Bild, laut Header (Patient Orientation %1) aber links. Gespiegeltes Bild oder Situs inversus: Seitenmarker prüfen.</translation>
    </message>
    <message>
        <source>this looks like a CT slice (Modality %1)</source>
        <translation>das sieht nach einer CT-Schicht aus (Modality %1)</translation>
    </message>
    <message>
        <source>this looks like a mammogram (Modality %1)</source>
        <translation>das sieht nach einer Mammographie aus (Modality %1)</translation>
    </message>
    <message>
        <source>this looks like a dental radiograph (Modality %1)</source>
        <translation>das sieht nach einer Zahnaufnahme aus (Modality %1)</translation>
    </message>
    <message>
        <source>not a chest radiograph (Modality %1)</source>
        <translation>keine Thoraxaufnahme (Modality %1)</translation>
    </message>
    <message>
        <source>not a chest radiograph (Body Part Examined %1)</source>
        <translation>keine Thoraxaufnahme (Body Part Examined %1)</translation>
    </message>
    <message>
        <source>this does not look like a frontal chest radiograph (the model&apos;s check: %1, below %2)</source>
        <translation>das sieht nicht nach einer Thoraxaufnahme von vorn aus (Prüfung des Modells: %1, unter %2)</translation>
    </message>
    <message>
        <source>this looks like a lateral view (View Position %1)</source>
        <translation>das sieht nach einer seitlichen Aufnahme aus (View Position %1)</translation>
    </message>
    <message>
        <source>not a chest radiograph (%1)</source>
        <translation>keine Thoraxaufnahme (%1)</translation>
    </message>
    <message>
        <source>not a chest radiograph (the image is blank)</source>
        <translation>keine Thoraxaufnahme (das Bild ist leer)</translation>
    </message>
    <message>
        <source>not a frontal chest radiograph, or inverted (the middle of the image is darker than the lung fields)</source>
        <translation>keine frontale Thoraxaufnahme oder invertiert (die Bildmitte ist dunkler als die Lungenfelder)</translation>
    </message>
    <message>
        <source>Not analysed: %1.</source>
        <translation>Nicht analysiert: %1.</translation>
    </message>
    <message>
        <source>This model needs about %1 GB; %2 GB are available on this computer.</source>
        <translation>Dieses Modell braucht etwa %1 GB; auf diesem Computer sind %2 GB verfügbar.</translation>
    </message>
    <message>
        <source>The model &quot;%1&quot; stays in use.</source>
        <translation>Das Modell &quot;%1&quot; bleibt in Gebrauch.</translation>
    </message>
    <message>
        <source>The AI model in %1 was not loaded. %2</source>
        <translation>Das KI-Modell in %1 wurde nicht geladen. %2</translation>
    </message>
    <message>
        <source>The AI model in %1 could not be loaded: %2 The model &quot;%3&quot; stays in use.</source>
        <translation>Das KI-Modell in %1 ließ sich nicht laden: %2 Das Modell &quot;%3&quot; bleibt in Gebrauch.</translation>
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
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
</context>
<context>
    <name>anatomix::ui::ViewportLayout</name>
    <message>
        <source>My regions</source>
        <translation>Eigene Regionen</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Messungen</translation>
    </message>
</context>
</TS>
