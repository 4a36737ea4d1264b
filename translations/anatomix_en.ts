<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CommandLine</name>
    <message>
        <source>Once the image is analysed, ask the model where &lt;anatomy&gt; is (e.g. &quot;Right lung&quot;), as the findings panel&apos;s Locate does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--locate needs an anatomy name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anatomy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AnatomiX Workstation: reading chest radiographs. Not for clinical use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After loading, save a PNG of the window to &lt;file&gt; and exit (exit code 0: saved; 1: not saved; 3: saved, but some input could not be opened).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log debug messages (may include patient identifiers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the log file into &lt;folder&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DICOM, PNG, JPEG or TIFF files, folders or DICOMDIR files to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot needs a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the AI model bundle in &lt;folder&gt; for this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once the image is analysed, draw the region x,y,width,height (image pixels) and ask the model to describe it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once the image is analysed, run the flip consistency check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring a panel to the front: anatomy, findings, ask, flip or report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ask-region needs x,y,width,height with a positive size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--show-panel takes one of: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &lt;path&gt; (a file or folder, e.g. a prior study) beside the first image, in the 1x2 layout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link zoom, pan and window/level of the two viewports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--compare needs a file or folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --study: the PACS node to open the study from, the AE title of the node in the settings or its AET@host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --pacs: retrieve the study with this accession number from the PACS and open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accession</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pacs NODE and --study ACCESSION go together.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::AnatomyPanel</name>
    <message>
        <source>Anatomy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels on hover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieved finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an image to see its anatomy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n anatomies</source>
        <translation>
            <numerusform>%n anatomy</numerusform>
            <numerusform>%n anatomies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n abnormal</source>
        <translation>
            <numerusform>%n abnormal</numerusform>
            <numerusform>%n abnormal</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)
%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::AnatomyRegions</name>
    <message>
        <source>Lungs and zones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heart and mediastinum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diaphragm and angles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abdomen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::AskPanel</name>
    <message>
        <source>De&amp;scribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the drawn regions (grounded captioning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dia&amp;gnose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnose the drawn regions (grounded diagnosis)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask a question about this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw regions with the region tool (D) to ask about them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n region(s) drawn.</source>
        <translation>
            <numerusform>%n region drawn.</numerusform>
            <numerusform>%n regions drawn.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Describe %n region(s)</source>
        <translation>
            <numerusform>Describe %n region</numerusform>
            <numerusform>Describe %n regions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Diagnose %n region(s)</source>
        <translation>
            <numerusform>Diagnose %n region</numerusform>
            <numerusform>Diagnose %n regions</numerusform>
        </translation>
    </message>
    <message>
        <source> [stopped]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the boxes in this answer; the text is shown as the model wrote it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers appear here. The model can be wrong: check every answer against the image.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::CardiothoracicRatioCallipers</name>
    <message>
        <source>Heart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thorax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cardiothoracic ratio %1: the cardiac silhouette is enlarged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cardiothoracic ratio %1: the heart size is within normal limits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Heart %1 mm, thorax %2 mm.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AP view: magnified, CTR overestimates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thorax (CTR %1; AP view: magnified, CTR overestimates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thorax (CTR %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::DicomTagsPanel</name>
    <message>
        <source>Filter by tag, name or value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No image open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no DICOM elements (not a DICOM file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n element(s)</source>
        <translation>
            <numerusform>%1: %n element</numerusform>
            <numerusform>%1: %n elements</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot list the DICOM elements: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::EngineWorker</name>
    <message>
        <source>Analysing the image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::FindingsPanel</name>
    <message>
        <source>%1 (the anatomy module&apos;s box; the language model gave none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (the anatomy module&apos;s box; the language model&apos;s box disagreed, IoU %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a finding, e.g. small left pleural effusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the boxes of the typed finding (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Locate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the model where the chosen anatomy is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Detect Abnormalities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anatomy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abnormality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (score %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model returned no box for this finding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laterality check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cardiothoracic ratio</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::FlipCheckPanel</name>
    <message>
        <source>Run &amp;Flip Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IoU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flip check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original box of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (mirrored run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysing the mirrored image...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flip check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks whether the model still names left and right correctly on the mirrored image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 consistent, mean IoU %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyse the horizontally mirrored image and compare each anatomy&apos;s box, mapped back, with its box in the original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anatomy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in the mirrored image, mapped back: IoU %2 with the original box</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n anatomies change side: the model does not read sides reliably</source>
        <translation>
            <numerusform>%n anatomy changes side: the model does not read sides reliably</numerusform>
            <numerusform>%n anatomies change side: the model does not read sides reliably</numerusform>
        </translation>
    </message>
    <message>
        <source>every anatomy keeps its side; some boxes move under the mirror</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::LayersPanel</name>
    <message>
        <source>Opacity of the selected layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::MainWindow</name>
    <message>
        <source>AnatomiX Workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning %v of %m files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a study with File &gt; Open (Ctrl+O) or drop files here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Files...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Folder...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete &amp;All Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual Size (1:1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate &amp;Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate &amp;Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flip &amp;Horizontally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flip &amp;Vertically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Invert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;eset View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lung Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mediastinum Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bone Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window/Level Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pan Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Zoom Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About AnatomiX Workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About AnatomiX Workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;AnatomiX Workstation %1&lt;/h3&gt;&lt;p&gt;Reading chest radiographs with an anatomy-aware grounded multimodal model (AnatomiX, arXiv 2601.03191).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Not for clinical use.&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study Browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DICOM Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window &amp;Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mediastinum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (W %2, L %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.dcm *.DCM *.dicom *.dic *.png *.jpg *.jpeg *.tif *.tiff DICOMDIR);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opening %n items...</source>
        <translation>
            <numerusform>Opening %n item...</numerusform>
            <numerusform>Opening %n items...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opening was cancelled; %n image(s) found so far.</source>
        <translation>
            <numerusform>Opening was cancelled; %n image found so far.</numerusform>
            <numerusform>Opening was cancelled; %n images found so far.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Could not open %n file(s). %1</source>
        <translation>
            <numerusform>Could not open %n file. %1</numerusform>
            <numerusform>Could not open %n files. %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No new images found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Found %n image(s).</source>
        <translation>
            <numerusform>Found %n image.</numerusform>
            <numerusform>Found %n images.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 - AnatomiX Workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 × %3, %4 bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x %1, y %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (stored %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W %1 L %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show the image: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n other file(s) skipped.</source>
        <translation>
            <numerusform>%n other file skipped.</numerusform>
            <numerusform>%n other files skipped.</numerusform>
        </translation>
    </message>
    <message>
        <source>Anatomy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flip Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Analyse Image Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ground a Finding...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Describe Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dia&amp;gnose Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask a &amp;Question...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Flip Consistency Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop the Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI &amp;Model Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;AI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI Model Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shipped demonstration model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA GPU (when the engine was built with CUDA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n errors; latest: %1</source>
        <translation>
            <numerusform>%n error; latest: %1</numerusform>
            <numerusform>%n errors; latest: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>

Click to dismiss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete All &amp;Measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark (Reading Room)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full-Screen &amp;Reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;uler (mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ngle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at detector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixel spacing at the detector (Imager Pixel Spacing): lengths in the patient are smaller by the radiographic magnification, typically 5-20 %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nominal spacing of a scanned film: the film&apos;s magnification is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyse this image anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rectangle R&amp;OI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ellipse ROI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Magnifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text beside the arrow:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Arrow with Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;1x2 Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1x2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link Zoom, Pan and Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with &amp;Prior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No prior study of this patient is listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACS settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACS Worklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieving study from %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DICOM storage service (C-MOVE destination) could not start on port %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open accession number %1 from %2: no PACS node is set in the settings (pacs/node).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown PACS node %1: the configured node is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an accession number (wildcards are not allowed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot retrieve by C-MOVE: the DICOM storage service is not running on port %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open accession number %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no study with accession number %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has several studies with accession number %2; open the one meant from the PACS worklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DICOM SR and the chosen result objects to %1 (kept in a queue while it cannot be reached)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a DICOM image before sending results to the PACS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the results to %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 result objects sent to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the results to %1: %2 sent, %3 waiting in the queue, %4 refused: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;nd Results to PACS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;with Key Image (SC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send w&amp;ith Presentation State (GSPS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACS &amp;Nodes...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Retrieval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop retrieving the study; the images received so far stay open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The retrieval from %1 stopped after %2 of %3 objects; the images received are open. %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The retrieval from %1 stopped after %n object(s); the images received are open. %2</source>
        <translation>
            <numerusform>The retrieval from %1 stopped after %n object; the images received are open. %2</numerusform>
            <numerusform>The retrieval from %1 stopped after %n objects; the images received are open. %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrieved %n object(s) from %1.</source>
        <translation>
            <numerusform>Retrieved %n object from %1.</numerusform>
            <numerusform>Retrieved %n objects from %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n object(s)</source>
        <translation>
            <numerusform>%n object</numerusform>
            <numerusform>%n objects</numerusform>
        </translation>
    </message>
    <message>
        <source>Retrieving from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieval from %1 cancelled after %2; the images received stay open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieval from %1 cancelled before any image arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (cannot be used)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI model in %1 cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Model Folder...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder holding a model bundle (config.json and its weight files), e.g. one written by &quot;anatomix import&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mod&amp;el</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::PacsNodesDialog</name>
    <message>
        <source>Use TLS (DICOM over TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use for Worklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PACS Nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Radiology PACS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PACS&apos; application entity title (called AE title)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workstation&apos;s AE title, as the PACS knows it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host name or IP address of the PACS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port of the workstation&apos;s storage service, where the PACS sends studies by C-MOVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file of the PACS certificate or its CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AE title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our AE title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our storage port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> - in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not tested: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection OK: %1 answered the C-ECHO in %2 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::ReadingAssistant</name>
    <message>
        <source>AI model &quot;%1&quot; loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysing the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flip check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the AI model...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an image to see its anatomy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No AI model was found (resources/models/anatomix-demo). The viewer works without AI; choose a model folder in AI &gt; Model Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI model folder %1 does not exist. The viewer works without AI; choose a model folder in AI &gt; Model Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysing the image...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flip check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>AI analysis: %n anatomies</source>
        <translation>
            <numerusform>AI analysis: %n anatomy</numerusform>
            <numerusform>AI analysis: %n anatomies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n abnormal</source>
        <translation>
            <numerusform>%n abnormal</numerusform>
            <numerusform>%n abnormal</numerusform>
        </translation>
    </message>
    <message>
        <source> (%1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model returned no box for &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abnormalities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI model in %1 could not be loaded: %2 The viewer works without AI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The analysis failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI analysis of %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI analysis of the second viewport&apos;s image failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flip check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laterality cross-check: mirrored image or situs inversus; check the side marker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laterality check: the anatomy puts the patient&apos;s left on the image&apos;s left, but the header (Patient Orientation %1) puts it on the image&apos;s right. Mirrored image or situs inversus: check the side marker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laterality check: the anatomy puts the patient&apos;s left on the image&apos;s right, but the header (Patient Orientation %1) puts it on the image&apos;s left. Mirrored image or situs inversus: check the side marker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this looks like a CT slice (Modality %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this looks like a mammogram (Modality %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this looks like a dental radiograph (Modality %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a chest radiograph (Modality %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a chest radiograph (Body Part Examined %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this looks like a lateral view (View Position %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a chest radiograph (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a chest radiograph (the image is blank)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a frontal chest radiograph, or inverted (the middle of the image is darker than the lung fields)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not analysed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this does not look like a frontal chest radiograph (the model&apos;s check: %1, below %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model needs about %1 GB; %2 GB are available on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model &quot;%1&quot; stays in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI model in %1 was not loaded. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AI model in %1 could not be loaded: %2 The model &quot;%3&quot; stays in use.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::StudyBrowserPanel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accession %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(scan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::ui::ViewportLayout</name>
    <message>
        <source>My regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
